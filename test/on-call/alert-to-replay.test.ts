import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DEFAULT_PREFIX, queueName } from '@ndf/catalog';
import { PORT_VARIABLES, waitUntil } from '@ndf/local-stack';
import { mintOperatorToken } from '@ndf/ops-console';
import { generateFixtures } from '@ndf/receipt-fixtures';
import {
  launchChromium,
  platformAccess,
  platformEnvironment,
  ReceiptsClient,
  receiptUploadEvent,
  storeBehindTheEdge,
  startPlatform,
  type Browser,
  type PlatformProcess,
} from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertMailbox } from '../alerts/alert-mailbox.js';

// On call, end to end on a platform as `npm start` runs it: a receipt's S3 event reaches intake
// before its file (the file is stored later, behind the edge's back), intake quarantines it, the
// alert mail names the message, the operator replays it from the ops console in a browser, and
// the receipt is read to the end. Screenshots of each step go to test-artifacts/on-call/.
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/on-call');
const TENANT = 'walk';
let dataDir: string;
let environment: Record<string, string>;
let platform: PlatformProcess;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'ndf-on-call-'));
  environment = await platformEnvironment(dataDir, { NDF_ALERT_LANGUAGE: 'en' });
  platform = await startPlatform(environment);
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await platform?.interrupt();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('from an alert mail to a replayed receipt', () => {
  it('quarantines a receipt whose file came late, mails the alert, and completes it once replayed from the console', async () => {
    const access = await platformAccess(environment, TENANT);
    const client = new ReceiptsClient(access.api, access.token);
    const [fixture] = await generateFixtures({ seed: 15, count: 1, format: 'png' });
    const bytes = await readFile(fixture!.path);
    const asked = await client.ask(fixture!, bytes.length);
    const receipt = { noteId: asked.receipt.noteId!, receiptId: asked.receiptId };

    // The event of an upload whose file is not there (yet): intake's read is refused NoSuchKey, a message fault.
    const startedAt = Date.now();
    const { QueueUrl } = await access.aws.sqs.send(new GetQueueUrlCommand({ QueueName: queueName(DEFAULT_PREFIX, 'receipt-intake') }));
    const event = receiptUploadEvent(access, { key: asked.key, size: bytes.length });
    await access.aws.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(event) }));

    const mailHttp = `http://127.0.0.1:${environment[PORT_VARIABLES.mailHttp]}`;
    const alert = await new AlertMailbox(mailHttp).first(
      (notice) => notice.firing && notice.component === 'receipt-intake' && notice.text.includes('message-quarantined.md'),
      startedAt,
      60_000,
    );
    expect(alert, 'an alert mail for receipt-intake').toBeDefined();
    const mails = (await (await fetch(`${mailHttp}/api/messages`)).json()) as { id: string; subject: string }[];
    const mail = mails.find((candidate) => candidate.subject.includes('receipt-intake'))!;
    const mailPage = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    await mailPage.goto(`${mailHttp}/messages/${mail.id}`);
    await mailPage.screenshot({ path: join(ARTIFACTS, '1-alert-mail.png'), fullPage: true });
    await mailPage.close();

    // The file arrives after all (stored straight into the emulator: no new event).
    await storeBehindTheEdge(access, asked.key, bytes, 'image/png');

    const token = await mintOperatorToken({ issuerUrl: access.endpoint('issuer'), operator: 'oncall@example.com' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`http://127.0.0.1:${environment.NDF_PORT_CONSOLE}/#token=${token}`);
    await page.waitForSelector('body[data-loaded="true"]');
    await page.fill('#quarantine-filter input[name="service"]', 'receipt-intake');
    await page.fill('#quarantine-filter input[name="tenant"]', TENANT);
    await page.click('#quarantine-filter button[type="submit"]');
    await page.click('[data-quarantine-id]');
    await page.waitForSelector('#quarantine-detail [data-status="quarantined"]');
    expect(await page.textContent('#quarantine-detail')).toContain('NoSuchKey');
    await page.screenshot({ path: join(ARTIFACTS, '2-console-quarantined.png'), fullPage: true });
    await page.fill('#quarantine-detail input[name="reason"]', 'the file is stored now');
    await page.click('#quarantine-detail button.replay');
    await page.waitForSelector('#quarantine-detail [data-status="replayed"]');

    await waitUntil('the receipt read to the end', async () => (await client.status(receipt)) === 'processed', 120_000, 500);
    await page.screenshot({ path: join(ARTIFACTS, '3-console-replayed.png'), fullPage: true });
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
