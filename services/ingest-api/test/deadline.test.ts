import { randomUUID } from 'node:crypto';
import { API_METRIC } from '@ndf/catalog';
import { gatewayEvent, startFaultProxy, type FaultProxy } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestApi } from '../src/app.js';
import { REQUEST_TIMEOUT_MS } from '@ndf/http-api';
import { NoteStore } from '../src/data/note-store.js';
import { ReceiptFiles } from '../src/uploads/receipt-files.js';
import { ingestContract } from '../src/validation/contract.js';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

let ingest: IngestUnderTest;
let proxy: FaultProxy;
let token: string;

beforeAll(async () => {
  // The handler reaches DynamoDB through a proxy whose faults the tests switch; health probes every time.
  ingest = await startIngest('ingest-deadline-', {
    config: { healthCacheMs: 0 },
    dynamodbEndpoint: async (stack) => {
      proxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
      return proxy.endpoint;
    },
  });
  token = await ingest.token({ user: 'dana' });
});
afterAll(async () => {
  await ingest?.stop();
  await proxy?.stop();
});

const create = (key: string) =>
  ingest.call('POST', '/v1/notes', '/v1/notes', { token, body: noteBody(), headers: { 'idempotency-key': key } });

describe('when DynamoDB fails', () => {
  it('answers 503 with Retry-After instead of hanging, and the same request succeeds once DynamoDB is back', async () => {
    proxy.setFault({ mode: 'hang' });
    const key = randomUUID();
    const stuck = await create(key);
    expect(stuck).toMatchObject({ status: 503, body: { code: expect.stringMatching(/^(deadline_exceeded|dependency_unavailable)$/) } });
    expect(stuck.headers.get('retry-after')).toBe('1');
    proxy.setFault({ mode: 'pass' });
    const retried = await create(key);
    expect(retried.status).toBe(201);
    expect((await create(key)).status).toBe(200);
  });

  it('answers 503 dependency_unavailable to errors and refused connections, after its bounded retries', async () => {
    // AccessDenied (a bad deploy of the role) is an outage of ours, not a fault of the request: 503, never 500.
    for (const mode of ['http-500', 'throttle', 'access-denied', 'refuse'] as const) {
      proxy.setFault({ mode });
      const answer = await create(randomUUID());
      expect({ mode, status: answer.status, body: answer.body }).toMatchObject({
        mode,
        status: 503,
        body: { code: 'dependency_unavailable' },
      });
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    proxy.setFault({ mode: 'pass' });
  });

  it('reports the write path down in health while DynamoDB hangs, and up again after', async () => {
    proxy.setFault({ mode: 'hang' });
    const down = await ingest.call('GET', '/v1/health', '/v1/health');
    expect(down).toMatchObject({ status: 503, body: { status: 'degraded', checks: { dynamodb: { ok: false }, s3: { ok: true } } } });
    proxy.setFault({ mode: 'pass' });
    expect(await ingest.call('GET', '/v1/health', '/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers deadline_exceeded from the handler itself when its deadline comes before the SDK gives up', async () => {
    proxy.setFault({ mode: 'hang' });
    // A deadline shorter than one SDK request timeout, so that only the deadline can answer.
    const deadlineMs = REQUEST_TIMEOUT_MS / 4;
    const metricLines: string[] = [];
    const api = createIngestApi({
      store: new NoteStore(ingest.clients.dynamodb, ingest.config.tableName),
      files: new ReceiptFiles(ingest.clients.s3, ingest.config.bucketName),
      contract: ingestContract(),
      config: { ...ingest.config, deadlineMs },
      clock: () => new Date(),
      log: () => undefined,
      metrics: (line) => void metricLines.push(line),
    });
    const answer = await api(
      gatewayEvent('POST', '/v1/notes', {
        body: noteBody(),
        headers: { 'idempotency-key': randomUUID() },
        requestId: 'deadline-test',
        user: 'dana',
      }),
    );
    proxy.setFault({ mode: 'pass' });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(JSON.parse(answer.body!)).toMatchObject({ status: 503, code: 'deadline_exceeded' });
    // The 10-second alarms see it: one metrics line, a 5xx that took the whole deadline.
    expect(metricLines).toHaveLength(1);
    const line = JSON.parse(metricLines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      [API_METRIC.requests]: 1,
      [API_METRIC.serverErrors]: 1,
      [API_METRIC.clientErrors]: 0,
      status: 503,
      correlationId: 'deadline-test',
    });
    expect(line[API_METRIC.latencyMs]).toBeGreaterThanOrEqual(deadlineMs - 50);
  });
});
