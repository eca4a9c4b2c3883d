import { startFaultProxy, type FaultProxy } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

// The public health route: anyone may call it without a token, so it must not make a DynamoDB
// write per request nor tell an anonymous caller what failed.

let ingest: IngestUnderTest;
let proxy: FaultProxy;

beforeAll(async () => {
  ingest = await startIngest('ingest-health-', {
    // Long enough that the whole file runs within one probe's answer.
    config: { healthCacheMs: 10 * 60_000 },
    dynamodbEndpoint: async (stack) => {
      proxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
      return proxy.endpoint;
    },
  });
});
afterAll(async () => {
  await ingest?.stop();
  await proxy?.stop();
});

const health = () => ingest.call('GET', '/v1/health', '/v1/health');

describe('GET /v1/health', () => {
  it('answers booleans only', async () => {
    const answer = await health();
    expect(answer).toEqual(
      expect.objectContaining({ status: 200, body: { status: 'ok', checks: { dynamodb: { ok: true }, s3: { ok: true } } } }),
    );
  });

  it('probes DynamoDB once for the requests of a few seconds: they reach no store while the answer holds', async () => {
    await health();
    // Every DynamoDB call now fails: a probe would answer degraded, a note cannot be written.
    proxy.setFault({ mode: 'http-500' });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => health()));
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
      const token = await ingest.token({});
      const note = await ingest.call('POST', '/v1/notes', '/v1/notes', { token, body: noteBody(), headers: { 'idempotency-key': 'h-1' } });
      expect(note.status).toBe(503);
    } finally {
      proxy.setFault({ mode: 'pass' });
    }
  });
});
