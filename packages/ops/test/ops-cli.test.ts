import { GetQueueUrlCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { catalog, queueName } from '@ndf/catalog';
import { stackTokenChecks } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { platformQuarantine, type QuarantineEntry, type QuarantineRecord, type QuarantineSummary, type ReplayResult } from '@ndf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorAuthenticator } from '@ndf/ops-console';
import { runOps } from '../src/index.js';

const PREFIX = 'ops-cli-';
let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

async function ops(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runOps(argv, {
    env: stack.environment(),
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
  });
  return { code, out, err };
}

async function opsJson<T>(...argv: string[]): Promise<T> {
  const { code, out, err } = await ops(...argv, '--json');
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return JSON.parse(out) as T;
}

async function quarantined(service: string, originalId: string): Promise<QuarantineEntry> {
  const entry: QuarantineEntry = {
    service,
    source: { kind: 'sqs', queueName: queueName(PREFIX, service) },
    payload: JSON.stringify({ receipt: originalId }),
    attributes: { tenant: 't-ops' },
    reason: 'exhausted 3 attempts',
    failures: [{ attempt: 1, at: '2026-01-01T00:00:00.000Z', durationMs: 12, errorName: 'PermanentError', message: 'unreadable image' }],
    firstReceivedAt: '2026-01-01T00:00:00.000Z',
    lastReceivedAt: '2026-01-01T00:00:05.000Z',
    originalId,
  };
  await platformQuarantine(stack.clients, PREFIX).quarantine(entry);
  return entry;
}

async function receive(service: string): Promise<Message[]> {
  const { QueueUrl } = await stack.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName(PREFIX, service) }));
  const { Messages } = await stack.clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
  );
  return Messages ?? [];
}

describe('ops quarantine', () => {
  it('lists, as a table and as JSON, filtered by service and status', async () => {
    await quarantined('ocr', 'list-ocr-1');
    await quarantined('receipt-parser', 'list-parser-1');

    const table = await ops('quarantine', 'list', '--service', 'ocr');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^QUARANTINED AT\s+SERVICE\s+ID\s+STATUS\s+ATTEMPTS\s+REASON/);
    expect(table.out).toMatch(/ocr\s+list-ocr-1\s+quarantined\s+1\s+exhausted 3 attempts/);
    expect(table.out).not.toContain('list-parser-1');

    const all = await opsJson<QuarantineSummary[]>('quarantine', 'list', '--status', 'quarantined', '--limit', '500');
    expect(all.map((item) => item.id)).toEqual(expect.arrayContaining(['list-ocr-1', 'list-parser-1']));
    expect(await opsJson<QuarantineSummary[]>('quarantine', 'list', '--service', 'ocr', '--status', 'discarded')).toEqual([]);
  });

  it('shows a record with its attempts and payload', async () => {
    await quarantined('ocr', 'show-1');
    const { code, out } = await ops('quarantine', 'show', 'ocr', 'show-1');
    expect(code).toBe(0);
    expect(out).toContain('ocr/show-1  quarantined');
    expect(out).toContain(`queue ${PREFIX}ocr`);
    expect(out).toContain('#1  2026-01-01T00:00:00.000Z  12 ms  PermanentError: unreadable image');
    expect(out).toContain('"receipt": "show-1"');
  });

  it('replays onto the service queue, once, and the audit says who did it', async () => {
    const entry = await quarantined('ocr', 'replay-1');

    const replayed = await opsJson<ReplayResult>(
      'quarantine',
      'replay',
      'ocr',
      'replay-1',
      '--operator',
      'alice@example.com',
      '--reason',
      'fixed',
    );
    expect(replayed).toMatchObject({ sent: true, queueName: `${PREFIX}ocr` });
    const messages = await receive('ocr');
    const message = messages.find((candidate) => candidate.MessageId === replayed.messageId);
    expect(message?.Body).toBe(entry.payload);
    expect(message?.MessageAttributes?.['ndf-replay-of']?.StringValue).toBe('replay-1');

    const again = await ops('quarantine', 'replay', 'ocr', 'replay-1', '--operator', 'alice@example.com');
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toContain('was already replayed');

    const record = await opsJson<QuarantineRecord>('quarantine', 'show', 'ocr', 'replay-1');
    expect(record.status).toBe('replayed');
    expect(record.audit).toEqual([
      expect.objectContaining({ action: 'replay', actor: 'alice@example.com', reason: 'fixed', messageId: replayed.messageId }),
    ]);
  });

  it('discards with a reason, audited, and a discarded record is not replayed', async () => {
    await quarantined('ocr', 'discard-1');
    const discarded = await ops('quarantine', 'discard', 'ocr', 'discard-1', '--operator', 'bob', '--reason', 'test upload, not a receipt');
    expect(discarded).toEqual({ code: 0, out: 'discarded ocr/discard-1: test upload, not a receipt\n', err: '' });

    const record = await opsJson<QuarantineRecord>('quarantine', 'show', 'ocr', 'discard-1');
    expect(record.status).toBe('discarded');
    expect(record.audit).toEqual([expect.objectContaining({ action: 'discard', actor: 'bob', reason: 'test upload, not a receipt' })]);
    const listed = await opsJson<QuarantineSummary[]>('quarantine', 'list', '--service', 'ocr', '--status', 'discarded');
    expect(listed.map((item) => item.id)).toEqual(['discard-1']);

    const replay = await ops('quarantine', 'replay', 'ocr', 'discard-1', '--operator', 'bob');
    expect(replay.code).toBe(1);
    expect(replay.err).toMatch(/^ops: ocr\/discard-1 was discarded \(laptop, prefix ops-cli-\)\n$/);
  });

  it('answers an unknown id and missing arguments with one line and a non-zero exit', async () => {
    for (const action of ['show', 'replay', 'discard']) {
      const { code, err } = await ops('quarantine', action, 'ocr', 'no-such-id', '--operator', 'alice', '--reason', 'r');
      expect(code).toBe(1);
      expect(err).toBe('ops: no quarantined message no-such-id for ocr (laptop, prefix ops-cli-)\n');
    }
    const noOperator = await ops('quarantine', 'replay', 'ocr', 'x');
    expect(noOperator.code).toBe(2);
    expect(noOperator.err).toMatch(/^ops: quarantine replay needs --operator <name>\nusage:/);
    const noReason = await ops('quarantine', 'discard', 'ocr', 'x', '--operator', 'alice');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/^ops: quarantine discard needs --reason/);
    expect((await ops('quarantine', 'list', '--limit', '0')).code).toBe(2);
    expect((await ops('quarantine', 'list', '--status', 'lost')).code).toBe(2);
    expect((await ops('quarantine', 'list', '--bogus')).code).toBe(2);
    expect((await ops('nothing')).code).toBe(2);
  });
});

describe('ops reconcile now', () => {
  it("puts a tick on the reconciler's queue", async () => {
    const sent = await opsJson<{ queueName: string; messageId: string }>('reconcile', 'now');
    expect(sent.queueName).toBe(`${PREFIX}reconciler`);
    const tick = (await receive('reconciler')).find((message) => message.MessageId === sent.messageId);
    expect(tick?.Body).toBe('{"kind":"tick"}');
  });
});

describe('ops console', () => {
  it('prints a link to the laptop console carrying a fresh operator token that the console accepts', async () => {
    const { code, out, err } = await ops('console', '--operator', 'dana@ops.example', '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const { url, operator } = JSON.parse(out) as { url: string; operator: string };
    expect(operator).toBe('dana@ops.example');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:9500\/#token=[\w-]+\.[\w-]+\.[\w-]+$/);
    const authenticate = operatorAuthenticator(stackTokenChecks(stack));
    const token = new URL(url).hash.replace('#token=', '');
    expect(await authenticate(`Bearer ${token}`)).toEqual({ id: 'dana@ops.example', role: 'operator' });
  });

  it('refuses to make a link without the local issuer (the cloud signs in through its own entry)', async () => {
    let err = '';
    const env = { ...stack.environment(), NDF_JWT_ISSUER: '' };
    const code = await runOps(['console'], { env, stdout: () => undefined, stderr: (text) => (err += text) });
    expect(code).toBe(2);
    expect(err).toContain("laptop's console only");
  });
});
