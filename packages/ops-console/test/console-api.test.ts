import { randomUUID } from 'node:crypto';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { MONITOR_ROUTES } from '@ndf/alerting';
import { queueName, tableName } from '@ndf/catalog';
import type { QuarantineRecord, QuarantineSummary } from '@ndf/runtime';
import { putReceiptItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StalledView } from '../src/index.js';
import { startConsoleUnderTest, type ConsoleUnderTest } from './console-fixture.js';

const PREFIX = 'ops-console-api-';
let under: ConsoleUnderTest;
let operator: string;

beforeAll(async () => {
  under = await startConsoleUnderTest(PREFIX, { NDF_RECONCILER_STUCK_AFTER_SECONDS: '60' });
  operator = await under.operatorToken();
});
afterAll(async () => under?.stop());

async function call(path: string, token: string | undefined, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${under.console.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}

const EVERY_API_ROUTE: [string, string][] = [
  ...Object.values(MONITOR_ROUTES).map((path): [string, string] => ['GET', `${path}?component=ocr&id=corr-fixture-1`]),
  ['GET', '/api/quarantine'],
  ['GET', '/api/quarantine/ocr/any-id'],
  ['POST', '/api/quarantine/ocr/any-id/replay'],
  ['POST', '/api/quarantine/ocr/any-id/discard'],
  ['GET', '/api/stalled'],
];

describe('who may use the console', () => {
  it("refuses a tenant's user, even an admin, on every API route: 403 problem+json", async () => {
    const tenant = await under.tenantToken();
    for (const [method, path] of EVERY_API_ROUTE) {
      const answer = await call(path, tenant, { method, ...(method === 'POST' ? { body: { reason: 'x' } } : {}) });
      expect({ path, status: answer.status, type: answer.type }).toEqual({
        path,
        status: 403,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(answer.body.detail).toMatch(/operator role/);
    }
  });

  it('answers 401 without a token, or with one not signed by the issuer', async () => {
    const [header, payload] = operator.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    for (const token of [undefined, 'not-a-jwt', forged]) {
      for (const [method, path] of EVERY_API_ROUTE) {
        const answer = await call(path, token, { method });
        expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      }
    }
  });

  it("accepts the access token a load balancer's Cognito authentication forwards, verified the same way", async () => {
    const forwarded = (token: string) =>
      fetch(`${under.console.url}/api/alerts`, { headers: { 'x-amzn-oidc-accesstoken': token } }).then((response) => response.status);
    expect(await forwarded(operator)).toBe(200);
    expect(await forwarded(await under.tenantToken())).toBe(403);
    expect(await forwarded('forged')).toBe(401);
  });

  it('serves the page to anyone (it holds no data), under a content security policy', async () => {
    const response = await fetch(`${under.console.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script type="module" src="/console.js"></script>');
    expect((await fetch(`${under.console.url}/console.js`)).status).toBe(200);
    expect((await fetch(`${under.console.url}/uplot.css`)).status).toBe(200);
  });
});

describe("the monitor's read model", () => {
  it('is served at MONITOR_ROUTES to operators, and a bad parameter is a 400 naming it', async () => {
    expect((await call(MONITOR_ROUTES.status, operator)).body).toMatchObject({ components: expect.any(Array), edges: expect.any(Array) });
    expect((await call(MONITOR_ROUTES.alerts, operator)).body).toMatchObject({ open: [{ component: 'ocr' }] });
    const series = await call(`${MONITOR_ROUTES.series}?component=ocr&minutes=5`, operator);
    expect(series.body).toMatchObject({ component: 'ocr', periodSeconds: 10 });
    expect((series.body.points as unknown[]).length).toBe(30);
    const logs = await call(`${MONITOR_ROUTES.logs}?id=corr-fixture-1`, operator);
    expect(logs.body).toHaveLength(3);
    for (const [path, field] of [
      [`${MONITOR_ROUTES.series}?component=ocr&minutes=61`, 'minutes'],
      [MONITOR_ROUTES.series, 'component'],
      [`${MONITOR_ROUTES.logs}?id=x&limit=0`, 'limit'],
      [MONITOR_ROUTES.logs, 'id'],
    ]) {
      const answer = await call(path!, operator);
      expect({ path, status: answer.status, field: answer.body.field }).toEqual({ path, status: 400, field });
    }
    expect((await call('/api/nothing-here', operator)).status).toBe(404);
    expect((await call(MONITOR_ROUTES.status, operator, { method: 'POST', body: {} })).status).toBe(405);
  });
});

describe('the quarantine', () => {
  it('lists by service, tenant and error class, and shows a record with its attempts and payload', async () => {
    const id = randomUUID();
    await under.quarantine('ocr', id);
    await under.quarantine('ocr', `${id}-globex`, { payload: JSON.stringify({ tenant: 'globex' }) });
    await under.quarantine('receipt-parser', `${id}-parser`, {
      failures: [{ attempt: 1, at: new Date().toISOString(), durationMs: 3, errorName: 'PermanentError', message: 'no total' }],
    });

    const ids = async (query: string) =>
      ((await call(`/api/quarantine?${query}`, operator)).body.items as QuarantineSummary[]).map((item) => item.id);
    expect(await ids('service=ocr')).toEqual(expect.arrayContaining([id, `${id}-globex`]));
    expect(await ids('service=ocr&tenant=acme')).toContain(id);
    expect(await ids('service=ocr&tenant=acme')).not.toContain(`${id}-globex`);
    expect(await ids('error=PermanentError')).toContain(`${id}-parser`);
    expect(await ids('error=PermanentError')).not.toContain(id);
    expect((await call('/api/quarantine?status=lost', operator)).body).toMatchObject({ status: 400, field: 'status' });

    const shown = await call(`/api/quarantine/ocr/${id}`, operator);
    expect(shown.body).toMatchObject({ id, service: 'ocr', tenant: 'acme', failures: [{ errorName: 'TimeoutError' }], audit: [] });
    expect(JSON.parse((shown.body as unknown as QuarantineRecord).payload)).toMatchObject({ receiptId: id });
    expect((await call('/api/quarantine/ocr/no-such-id', operator)).status).toBe(404);
  });

  it("replays onto the source queue and discards with a reason, each audited under the operator's identity from the token", async () => {
    const replayed = randomUUID();
    const discarded = randomUUID();
    await under.quarantine('ocr', replayed);
    await under.quarantine('ocr', discarded);

    const replay = await call(`/api/quarantine/ocr/${replayed}/replay`, operator, { method: 'POST', body: { reason: 'OCR fixed' } });
    expect(replay.body).toMatchObject({ sent: true, queueName: queueName(PREFIX, 'ocr') });
    const { QueueUrl } = await under.stack.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName(PREFIX, 'ocr') }));
    const { Messages = [] } = await under.stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
    );
    expect(Messages.map((message) => JSON.parse(message.Body!).receiptId)).toContain(replayed);

    const refused = await call(`/api/quarantine/ocr/${discarded}/discard`, operator, { method: 'POST', body: {} });
    expect(refused.body).toMatchObject({ status: 400, field: 'reason' });
    const discard = await call(`/api/quarantine/ocr/${discarded}/discard`, operator, { method: 'POST', body: { reason: 'a test upload' } });
    expect(discard.status).toBe(200);
    expect((await call(`/api/quarantine/ocr/${discarded}/replay`, operator, { method: 'POST', body: {} })).status).toBe(409);

    for (const [type, body, status] of [
      ['text/plain', 'reason=x', 415],
      ['text/plain', '', 415],
      ['application/x-www-form-urlencoded', '', 415],
      ['application/json', '{"reason":', 400],
      ['application/json', '["a reason"]', 400],
      ['application/json', JSON.stringify({ reason: 'x'.repeat(20_000) }), 413],
    ] as const) {
      const response = await fetch(`${under.console.url}/api/quarantine/ocr/${replayed}/discard`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': type },
        body,
      });
      expect({ type, status: response.status, field: ((await response.json()) as { field?: string }).field }).toEqual({
        type,
        status,
        field: 'body',
      });
    }

    const audit = async (id: string) => ((await call(`/api/quarantine/ocr/${id}`, operator)).body as unknown as QuarantineRecord).audit;
    expect(await audit(replayed)).toEqual([expect.objectContaining({ action: 'replay', actor: 'dana@ops.example', reason: 'OCR fixed' })]);
    expect(await audit(discarded)).toEqual([
      expect.objectContaining({ action: 'discard', actor: 'dana@ops.example', reason: 'a test upload' }),
    ]);
  });
});

describe('stalled receipts', () => {
  it("lists the open receipts not moved on for the reconciler's stuckAfter, oldest first, and none that moved on since", async () => {
    const table = tableName(PREFIX, 'notes');
    const old = { tenant: 'acme', receiptId: randomUUID(), noteId: randomUUID() };
    const older = { tenant: 'globex', receiptId: randomUUID() };
    const fresh = { tenant: 'acme', receiptId: randomUUID() };
    await putReceiptItem(under.stack.clients.dynamodb, table, old, { status: 'reading', movedOnAgoMs: 5 * 60_000 });
    await putReceiptItem(under.stack.clients.dynamodb, table, older, { status: 'uploaded', movedOnAgoMs: 9 * 60_000 });
    await putReceiptItem(under.stack.clients.dynamodb, table, fresh, { status: 'reading', movedOnAgoMs: 10_000 });

    const stalled = (await call('/api/stalled', operator)).body as unknown as StalledView;
    expect(stalled.stuckAfterSeconds).toBe(60);
    const ids = stalled.items.map((item) => item.receiptId);
    expect(ids.indexOf(older.receiptId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older.receiptId)).toBeLessThan(ids.indexOf(old.receiptId));
    expect(ids).not.toContain(fresh.receiptId);
    expect(stalled.items.find((item) => item.receiptId === old.receiptId)).toMatchObject({
      tenant: 'acme',
      noteId: old.noteId,
      status: 'reading',
    });
  });
});
