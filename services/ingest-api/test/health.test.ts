import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { RECEIPT_DERIVED_PREFIX } from '@ndf/contracts';
import { startFaultProxy, type FaultProxy } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptFiles } from '../src/uploads/receipt-files.js';
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

describe('the S3 probe', () => {
  it('is a listing of one key under derived/, which the role may list in the cloud (HeadBucket needs the whole bucket)', async () => {
    // An endpoint that records the request S3 would get and answers an empty listing.
    const seen: { method: string; url: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({ method: request.method ?? '', url: request.url ?? '' });
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      forcePathStyle: true,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' },
    });
    try {
      await new ReceiptFiles(async () => s3, 'receipts').probeBucket(AbortSignal.timeout(5_000));
    } finally {
      s3.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0]!.url, 'http://s3');
    expect([seen[0]!.method, url.pathname, url.searchParams.get('list-type'), url.searchParams.get('prefix')]).toEqual([
      'GET',
      '/receipts/',
      '2',
      RECEIPT_DERIVED_PREFIX,
    ]);
  });
});
