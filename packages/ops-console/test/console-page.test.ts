import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { tableName } from '@ndf/catalog';
import { platformQuarantine } from '@ndf/runtime';
import { putReceiptItem } from '@ndf/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@ndf/testkit';
import { startConsoleUnderTest, type ConsoleUnderTest } from './console-fixture.js';

// The page in headless Chromium, on the real quarantine (DynamoDB Local) and token issuer; the
// monitor's side is the fixture read model. Screenshots go to test-artifacts/console/.
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts/console');
const PREFIX = 'ops-console-page-';
let under: ConsoleUnderTest;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  under = await startConsoleUnderTest(PREFIX);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await under?.stop();
});

const pageErrors: string[] = [];

async function signedInPage(token: string): Promise<Page> {
  // A set locale: the packaged Chromium otherwise takes "en-US@posix" from the environment, which Intl refuses.
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${under.console.url}/#token=${token}`);
  return page;
}

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

/** The lines' colours (charts.ts), so that axes and grid alone do not count as a drawn chart. */
const LINE_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed'].map((hex) =>
  [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)),
);

/** What the check reads of the page's document (the tests' types are Node's, not the DOM's). */
interface CanvasDocument {
  readonly document: {
    querySelectorAll(selector: string): ArrayLike<{
      readonly width: number;
      readonly height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { readonly data: ArrayLike<number> } };
    }>;
  };
}

/** How many pixels of the chart's canvas are drawn in one of the lines' colours (anti-aliasing aside). */
const linePixels = (page: Page, chart: number) =>
  page.evaluate(
    ({ chart, colours }) => {
      const { document } = globalThis as unknown as CanvasDocument;
      const canvas = document.querySelectorAll('.chart canvas')[chart]!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let offset = 0; offset < data.length; offset += 4) {
        if (data[offset + 3]! < 200) continue;
        const near = colours.some((colour) => colour.every((value, channel) => Math.abs(value - data[offset + channel]!) < 30));
        if (near) count++;
      }
      return count;
    },
    { chart, colours: LINE_COLOURS },
  );

describe('the ops console page', () => {
  it('signs in from the link, draws the pipeline with the alerting component in red, the charts of the last hour and the stalled receipts', async () => {
    const stalled = { tenant: 'acme', receiptId: randomUUID(), noteId: randomUUID() };
    await putReceiptItem(under.stack.clients.dynamodb, tableName(PREFIX, 'notes'), stalled, {
      status: 'reading',
      movedOnAgoMs: 10 * 60_000,
    });
    await under.quarantine('ocr', randomUUID());
    const page = await signedInPage(await under.operatorToken());
    await page.waitForSelector('body[data-loaded="true"]');
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['ndf-ops-console-token']);
    expect(await page.textContent('#operator')).toBe('dana@ops.example');

    expect(await page.getAttribute('.node[data-component="ocr"]', 'class')).toContain('alerting');
    expect(await page.getAttribute('.node[data-component="receipt-intake"]', 'class')).toContain('healthy');
    expect(await page.locator('.graph .edge').count()).toBe(5);
    expect(await page.textContent('#alerts')).toContain('oldest message 184 s');
    expect(await page.textContent('#errors')).toContain('TimeoutError');

    expect(await page.textContent('#stalled')).toContain(stalled.receiptId);
    expect(await page.locator('#quarantine tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart canvas').count()).toBe(4);
    for (const chart of [0, 1, 2, 3])
      expect({ chart, pixels: await linePixels(page, chart) }).toEqual({ chart, pixels: expect.toSatisfy((n: number) => n > 100) });

    await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
    await page.close();
  });

  it('replays a quarantined message from the page: the store marks it replayed, audited under the operator', async () => {
    const id = randomUUID();
    await under.quarantine('ocr', id);
    const page = await signedInPage(await under.operatorToken());
    await page.waitForSelector('body[data-loaded="true"]');

    await page.fill('#quarantine-filter input[name="tenant"]', 'acme');
    await page.fill('#quarantine-filter input[name="service"]', 'ocr');
    await page.click('#quarantine-filter button[type="submit"]');
    await page.click(`[data-quarantine-id="${id}"]`);
    await page.waitForSelector('#quarantine-detail [data-status="quarantined"]');
    expect(await page.textContent('#quarantine-detail')).toContain('page took too long');
    await page.fill('#quarantine-detail input[name="reason"]', 'OCR is back');
    await page.click('#quarantine-detail button.replay');
    await page.waitForSelector('#quarantine-detail [data-status="replayed"]');
    expect(await page.textContent('#quarantine-detail')).toContain('dana@ops.example');
    await page.screenshot({ path: join(ARTIFACTS, 'quarantine-replayed.png'), fullPage: true });

    const record = await platformQuarantine(under.stack.clients, PREFIX).show('ocr', id);
    expect(record).toMatchObject({ status: 'replayed', audit: [{ action: 'replay', actor: 'dana@ops.example', reason: 'OCR is back' }] });
    await page.close();
  });

  it('shows every log line of a request in time order from a correlation id', async () => {
    const page = await signedInPage(await under.operatorToken());
    await page.waitForSelector('body[data-loaded="true"]');
    await page.click('#alerts button.link:text("corr-fixture-1")');
    await page.waitForSelector('#logs tbody tr');
    const components = await page.locator('#logs tbody tr td:nth-child(2)').allTextContents();
    expect(components).toEqual(['ingest-api', 'receipt-intake', 'ocr']);
    await page.locator('#logs-section').screenshot({ path: join(ARTIFACTS, 'log-search.png') });
    await page.close();
  });

  it('refreshes by itself: a message quarantined after the page loaded appears without a reload', async () => {
    const page = await signedInPage(await under.operatorToken());
    await page.waitForSelector('body[data-loaded="true"]');
    const id = randomUUID();
    await under.quarantine('receipt-parser', id);
    await page.waitForSelector(`[data-quarantine-id="${id}"]`, { timeout: 20_000 });
    await page.close();
  });

  it('asks for a sign-in, with how to get one, when opened without a token', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${under.console.url}/`);
    await page.waitForSelector('#sign-in h2');
    expect(await page.textContent('#sign-in')).toContain('npm run ops -- console');
    expect(await page.isVisible('main')).toBe(false);
    await page.close();
  });

  it("refuses a tenant's token: the page says it is for operators, and shows no data", async () => {
    const page = await signedInPage(await under.tenantToken());
    await page.waitForSelector('#sign-in h2');
    expect(await page.textContent('#sign-in')).toContain('Operators only');
    expect(await page.isVisible('main')).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'tenant-refused.png') });
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await page.close();
  });
});
