import { randomUUID } from 'node:crypto';
import { API_METRIC, API_METRICS_NAMESPACE } from '@ndf/catalog';
import type { NoteItem } from '@ndf/contracts';
import { gatewayEvent } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestApi } from '../src/app.js';
import { API_NAME, ingestConfig } from '../src/config.js';
import type { CreateOutcome, NoteStore } from '../src/data/note-store.js';
import { requestMetricsLine } from '@ndf/http-api';
import type { IngestDependencies } from '../src/routes/route.js';
import type { ReceiptFiles } from '../src/uploads/receipt-files.js';
import { ingestContract } from '../src/validation/contract.js';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { Name: string; Unit: string; StorageResolution: number }[];
    }[];
  };
  readonly [property: string]: unknown;
}

/** Parses one line and checks it is the EMF the alarms expect: namespace, `Api` dimension, every metric at 1-second resolution. */
function parseEmf(line: string): EmfDocument {
  expect(line).not.toContain('\n');
  const document = JSON.parse(line) as EmfDocument;
  expect(Number.isInteger(document._aws.Timestamp)).toBe(true);
  expect(document._aws.CloudWatchMetrics).toHaveLength(1);
  const directive = document._aws.CloudWatchMetrics[0]!;
  expect(directive.Namespace).toBe(API_METRICS_NAMESPACE);
  expect(directive.Dimensions).toEqual([['Api']]);
  expect(document.Api).toBe(API_NAME);
  expect(directive.Metrics.map((metric) => metric.Name).sort()).toEqual(Object.values(API_METRIC).sort());
  for (const metric of directive.Metrics) {
    expect(metric).toEqual({
      Name: metric.Name,
      Unit: metric.Name === API_METRIC.latencyMs ? 'Milliseconds' : 'Count',
      StorageResolution: 1,
    });
    expect(Number.isFinite(document[metric.Name]), metric.Name).toBe(true);
  }
  return document;
}

const counts = (document: EmfDocument) => ({
  requests: document[API_METRIC.requests],
  serverErrors: document[API_METRIC.serverErrors],
  clientErrors: document[API_METRIC.clientErrors],
});

describe('requestMetricsLine', () => {
  const base = { api: API_NAME, latencyMs: 12, timestamp: Date.parse('2026-05-04T10:00:00.000Z') };

  it('counts one request, and a 5xx or a 4xx by the status', () => {
    const of = (status: number) => counts(parseEmf(requestMetricsLine({ ...base, status })));
    expect(of(201)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 0 });
    expect(of(304)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 0 });
    expect(of(400)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 1 });
    expect(of(499)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 1 });
    expect(of(500)).toEqual({ requests: 1, serverErrors: 1, clientErrors: 0 });
    expect(of(503)).toEqual({ requests: 1, serverErrors: 1, clientErrors: 0 });
  });

  it('gives the latency in whole milliseconds, never negative, at the timestamp given', () => {
    const line = parseEmf(
      requestMetricsLine({ ...base, status: 200, latencyMs: 12.6, correlationId: 'app-retry-7f3a9c', route: 'GET /v1/notes' }),
    );
    expect(line).toMatchObject({ [API_METRIC.latencyMs]: 13, status: 200, correlationId: 'app-retry-7f3a9c', route: 'GET /v1/notes' });
    expect(line._aws.Timestamp).toBe(base.timestamp);
    expect(parseEmf(requestMetricsLine({ ...base, status: 200, latencyMs: -4 }))[API_METRIC.latencyMs]).toBe(0);
  });

  it('leaves out the route and correlation id it is not given', () => {
    const line = parseEmf(requestMetricsLine({ ...base, status: 404 }));
    expect(Object.keys(line)).not.toContain('route');
    expect(Object.keys(line)).not.toContain('correlationId');
  });
});

/** A clock that moves `stepMs` at each reading, and by `advance` (a dependency's time); it keeps its readings. */
function testClock(stepMs = 3) {
  let now = Date.parse('2026-05-04T10:00:00.000Z');
  const readings: number[] = [];
  return {
    readings,
    advance: (ms: number) => void (now += ms),
    clock: () => {
      readings.push(now);
      const date = new Date(now);
      now += stepMs;
      return date;
    },
    /** From the first reading (the handler's entry) to the last (its answer). */
    elapsed: () => readings.at(-1)! - readings[0]!,
  };
}

/** A store with only what POST /v1/notes needs: no receipts, and `createNote` as given. */
const storeCreating = (createNote: (note: NoteItem, signal: AbortSignal) => Promise<CreateOutcome>) =>
  ({
    unknownLooseReceipts: async () => [],
    createNote: (note: NoteItem, _change: unknown, signal: AbortSignal) => createNote(note, signal),
  }) as unknown as NoteStore;

/** The app over fakes, its metrics lines kept. */
function appWith(overrides: Partial<IngestDependencies> & Pick<IngestDependencies, 'store' | 'clock'>) {
  const lines: string[] = [];
  const api = createIngestApi({
    files: {} as ReceiptFiles,
    contract: ingestContract(),
    config: ingestConfig({}),
    log: () => undefined,
    metrics: (line) => void lines.push(line),
    ...overrides,
  });
  return { api, lines };
}

const eventFor = (method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}) =>
  gatewayEvent(method, path, { ...options, requestId: `metrics-test-${randomUUID()}`, timeEpoch: Date.parse('2026-05-04T10:00:00.000Z') });

const postNote = (headers: Record<string, string> = {}) =>
  eventFor('POST', '/v1/notes', { body: noteBody(), headers: { 'idempotency-key': randomUUID(), ...headers } });

describe('the handler writes one metrics line per request', () => {
  it("for a 201: one request, no error, the clock's time from entry to answer", async () => {
    const time = testClock();
    const { api, lines } = appWith({
      clock: time.clock,
      store: storeCreating(async (note) => {
        time.advance(40);
        return { created: true, note };
      }),
    });
    const answer = await api(postNote({ 'x-correlation-id': 'app-retry-7f3a9c' }));
    expect(answer.statusCode).toBe(201);
    expect(lines).toHaveLength(1);
    const line = parseEmf(lines[0]!);
    expect(counts(line)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 0 });
    expect(line[API_METRIC.latencyMs]).toBe(time.elapsed());
    expect(line[API_METRIC.latencyMs]).toBeGreaterThanOrEqual(40);
    expect(line._aws.Timestamp).toBe(time.readings.at(-1));
    expect(line).toMatchObject({ status: 201, route: 'POST /v1/notes', correlationId: 'app-retry-7f3a9c' });
    // Never the caller's data.
    expect(lines[0]).not.toContain('Café');
    expect(lines[0]).not.toContain('42.50');
    expect(lines[0]).not.toContain('mila');
  });

  it('for a 4xx: a refused body and an unknown route each count one client error', async () => {
    const time = testClock();
    const { api, lines } = appWith({ clock: time.clock, store: storeCreating(() => Promise.reject(new Error('not called'))) });
    const refused = await api(eventFor('POST', '/v1/notes', { body: noteBody() }));
    expect(refused.statusCode).toBe(400);
    expect(lines).toHaveLength(1);
    const line = parseEmf(lines[0]!);
    expect(counts(line)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 1 });
    expect(line[API_METRIC.latencyMs]).toBe(time.elapsed());
    expect(line).toMatchObject({ status: 400, route: 'POST /v1/notes' });

    time.readings.length = 0;
    const nowhere = await api(eventFor('GET', '/v1/nowhere'));
    expect(nowhere.statusCode).toBe(404);
    expect(lines).toHaveLength(2);
    const unknown = parseEmf(lines[1]!);
    expect(counts(unknown)).toEqual({ requests: 1, serverErrors: 0, clientErrors: 1 });
    expect(unknown[API_METRIC.latencyMs]).toBe(time.elapsed());
    expect(unknown).toMatchObject({ status: 404 });
    expect(Object.keys(unknown)).not.toContain('route');
  });

  it("for the deadline's 503 while DynamoDB hangs: one server error, the time up to the deadline", async () => {
    const time = testClock();
    const deadlineMs = 20;
    const { api, lines } = appWith({
      clock: time.clock,
      config: { ...ingestConfig({}), deadlineMs },
      store: storeCreating((_, signal) => {
        time.advance(deadlineMs);
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      }),
    });
    const answer = await api(postNote());
    expect(answer.statusCode).toBe(503);
    expect(JSON.parse(answer.body!)).toMatchObject({ code: 'deadline_exceeded' });
    expect(lines).toHaveLength(1);
    const line = parseEmf(lines[0]!);
    expect(counts(line)).toEqual({ requests: 1, serverErrors: 1, clientErrors: 0 });
    expect(line[API_METRIC.latencyMs]).toBe(time.elapsed());
    expect(line[API_METRIC.latencyMs]).toBeGreaterThanOrEqual(deadlineMs);
    expect(line).toMatchObject({ status: 503, route: 'POST /v1/notes' });
  });

  it('for a 500 from a failing store: one server error', async () => {
    const time = testClock();
    const { api, lines } = appWith({ clock: time.clock, store: storeCreating(() => Promise.reject(new Error('a bug'))) });
    expect((await api(postNote())).statusCode).toBe(500);
    expect(lines).toHaveLength(1);
    expect(counts(parseEmf(lines[0]!))).toEqual({ requests: 1, serverErrors: 1, clientErrors: 0 });
  });

  it('for an error that escapes the handler: it still throws it, and counts a server error (API Gateway answers 500)', async () => {
    const time = testClock();
    const escaped = new Error('the log is gone');
    const { api, lines } = appWith({
      clock: time.clock,
      store: storeCreating(() => Promise.reject(new Error('a bug'))),
      log: () => {
        throw escaped;
      },
    });
    await expect(api(postNote())).rejects.toBe(escaped);
    expect(lines).toHaveLength(1);
    const line = parseEmf(lines[0]!);
    expect(counts(line)).toEqual({ requests: 1, serverErrors: 1, clientErrors: 0 });
    expect(line[API_METRIC.latencyMs]).toBe(time.elapsed());
    expect(line).toMatchObject({ status: 500, route: 'POST /v1/notes' });
  });

  it('answers the same when the metrics line cannot be written', async () => {
    const time = testClock();
    const { api } = appWith({
      clock: time.clock,
      store: storeCreating(async (note) => ({ created: true, note })),
      metrics: () => {
        throw new Error('stdout is closed');
      },
    });
    expect((await api(postNote())).statusCode).toBe(201);
  });
});

describe('through the gateway, against the local stack', () => {
  let ingest: IngestUnderTest;
  let token: string;

  beforeAll(async () => {
    ingest = await startIngest('ingest-metrics-');
    token = await ingest.token({ user: 'mila' });
  });
  afterAll(async () => ingest?.stop());

  it("writes one line per answer, with the answer's correlation id, and none for what the authorizer refuses", async () => {
    const before = ingest.metricLines.length;
    const created = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token,
      body: noteBody(),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(created.status).toBe(201);
    const refused = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token,
      body: noteBody({ merchant: '' }),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(refused.status).toBe(400);
    // The gateway's 401 never reaches the handler: API Gateway's own metrics count those.
    const unauthenticated = await fetch(`${ingest.gateway.endpoint}/v1/notes`);
    expect(unauthenticated.status).toBe(401);

    const lines = ingest.metricLines.slice(before).map(parseEmf);
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => [counts(line), line.status, line.correlationId])).toEqual([
      [{ requests: 1, serverErrors: 0, clientErrors: 0 }, 201, created.headers.get('x-correlation-id')],
      [{ requests: 1, serverErrors: 0, clientErrors: 1 }, 400, refused.headers.get('x-correlation-id')],
    ]);
  });
});
