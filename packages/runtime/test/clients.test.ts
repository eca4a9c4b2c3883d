import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startFaultProxy, type FaultProxy } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClients } from '../src/aws/clients.js';
import { classifyFailure } from '../src/resilience/index.js';

let proxy: FaultProxy;
let upstreamClosed: () => Promise<void>;

beforeAll(async () => {
  // Nothing behind the proxy answers: every request hangs there.
  const { createServer } = await import('node:http');
  const upstream = createServer(() => undefined).listen(0, '127.0.0.1');
  await new Promise((resolve) => upstream.once('listening', resolve));
  const address = upstream.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  upstreamClosed = () => new Promise((resolve) => upstream.close(() => resolve()));
  proxy = await startFaultProxy({ target: `http://127.0.0.1:${address.port}` });
  proxy.setFault({ mode: 'hang' });
});
afterAll(async () => {
  await proxy?.stop();
  await upstreamClosed?.();
});

describe('the SDK clients every service builds', () => {
  it('cut a request that never answers at their request timeout, as a transient failure', async () => {
    const { dynamodb } = serviceClients({
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
    });
    const failure = await dynamodb
      .send(new GetItemCommand({ TableName: 'notes', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }))
      .catch((error: unknown) => error);
    dynamodb.destroy();
    expect(failure).toMatchObject({ name: 'TimeoutError' });
    expect(classifyFailure(failure)).toBe('transient');
  }, 20_000);
});
