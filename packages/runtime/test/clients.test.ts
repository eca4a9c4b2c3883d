import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClients } from '../src/aws/clients.js';
import { classifyFailure } from '../src/resilience/index.js';

let hangingEndpoint: string;
let closeHanging: () => Promise<void>;

beforeAll(async () => {
  // A server that takes every request and never answers.
  const { createServer } = await import('node:http');
  const hanging = createServer(() => undefined).listen(0, '127.0.0.1');
  await new Promise((resolve) => hanging.once('listening', resolve));
  const address = hanging.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  hangingEndpoint = `http://127.0.0.1:${address.port}`;
  closeHanging = () =>
    new Promise((resolve) => {
      hanging.closeAllConnections();
      hanging.close(() => resolve());
    });
});
afterAll(async () => {
  await closeHanging?.();
});

describe('the SDK clients every service builds', () => {
  it('cut a request that never answers at their request timeout, as a transient failure', async () => {
    const { dynamodb } = serviceClients({
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: hangingEndpoint,
    });
    const failure = await dynamodb
      .send(new GetItemCommand({ TableName: 'notes', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }))
      .catch((error: unknown) => error);
    dynamodb.destroy();
    expect(failure).toMatchObject({ name: 'TimeoutError' });
    expect(classifyFailure(failure)).toBe('transient');
  }, 20_000);
});
