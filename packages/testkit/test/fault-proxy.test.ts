import { createServer, type Server } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { classifyFailure } from '@ndf/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AwsJsonError, awsJson } from '../src/aws-json.js';
import { startFaultProxy, type FaultProxy } from '../src/fault-proxy.js';

let upstream: Server;
let target: string;
let received = 0;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  // Echoes the request body, so that streaming through the proxy can be checked byte for byte.
  upstream = createServer((request, response) => {
    received += 1;
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'x-upstream-path': request.url ?? '' });
    request.pipe(response);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const address = upstream.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  target = `http://127.0.0.1:${address.port}`;
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

async function proxy(protocol?: 'dynamodb' | 'sqs'): Promise<FaultProxy> {
  const started = await startFaultProxy({ target, ...(protocol ? { protocol } : {}) });
  proxies.push(started);
  return started;
}

const post = (endpoint: string, body: string | Uint8Array, signal?: AbortSignal) =>
  fetch(`${endpoint}/some/path?x=1`, { method: 'POST', body, ...(signal ? { signal } : {}) });

describe('the fault proxy, over real HTTP', () => {
  it('passes requests and streams bodies through both ways', async () => {
    const { endpoint } = await proxy();
    const body = new Uint8Array(3 * 1024 * 1024).map((_, index) => index % 251);
    const response = await post(endpoint, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream-path')).toBe('/some/path?x=1');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(body))).toBe(true);
  });

  it('answers 500 without reaching the target', async () => {
    const faulty = await proxy();
    faulty.setFault({ mode: 'http-500' });
    const before = received;
    const response = await post(faulty.endpoint, 'hello');
    expect(response.status).toBe(500);
    expect(received).toBe(before);
  });

  it('throttles like DynamoDB, which the runtime classifies as transient', async () => {
    const faulty = await proxy('dynamodb');
    faulty.setFault({ mode: 'throttle' });
    const error = await awsJson(
      { endpoint: faulty.endpoint, region: 'eu-west-3', accessKeyId: 'test' },
      'DynamoDB_20120810.GetItem',
      {},
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsJsonError);
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(classifyFailure(error)).toBe('transient');
  });

  it('denies access like DynamoDB, which the SDK names AccessDeniedException and the runtime calls an outage (transient), not poison', async () => {
    const faulty = await proxy('dynamodb');
    faulty.setFault({ mode: 'access-denied' });
    const client = new DynamoDBClient({
      endpoint: faulty.endpoint,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const error = await client.send(new GetItemCommand({ TableName: 'notes', Key: { pk: { S: 'x' } } })).catch((caught: unknown) => caught);
    client.destroy();
    expect(error).toMatchObject({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(classifyFailure(error)).toBe('transient');
  });

  it('throttles like SQS', async () => {
    const faulty = await proxy('sqs');
    faulty.setFault({ mode: 'throttle' });
    const response = await post(faulty.endpoint, '{}');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-query-error')).toBe('RequestThrottled;Sender');
    expect(((await response.json()) as { __type: string }).__type).toBe('com.amazonaws.sqs#RequestThrottled');
  });

  it('hangs: no answer ever comes, until the client gives up', async () => {
    const faulty = await proxy();
    faulty.setFault({ mode: 'hang' });
    const startedAt = Date.now();
    await expect(post(faulty.endpoint, 'hello', AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('refuses: the socket is closed without an answer', async () => {
    const faulty = await proxy();
    faulty.setFault({ mode: 'refuse' });
    await expect(post(faulty.endpoint, 'hello')).rejects.toThrow(/fetch failed/);
  });

  it('hits only a share of requests with a probability, and passes again once switched back', async () => {
    const faulty = await proxy();
    faulty.setFault({ mode: 'http-500', probability: 0.5 });
    const statuses = [];
    for (let i = 0; i < 60; i += 1) statuses.push((await post(faulty.endpoint, 'x')).status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(500);
    faulty.setFault({ mode: 'pass' });
    expect((await post(faulty.endpoint, 'x')).status).toBe(200);
  });
});
