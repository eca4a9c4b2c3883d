import { catalog } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack, type LocalStack } from '@ndf/local-stack';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

// The service's own definition, on a local stack provisioned from the catalog, fed through its queue.
let stack: LocalStack;
let running: ServiceUnderTest;

beforeAll(async () => {
  stack = await startLocalStack(await ephemeralConfig('svc-test-'), { catalog });
  running = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

describe('__NAME__', () => {
  it('consumes a message from its queue', async () => {
    expect(await running.deliver({ example: true })).toEqual({ outcome: 'succeeded', sent: [] });
  });

  it('quarantines a message that is not JSON, with the reason', async () => {
    expect(await running.deliver('{not json')).toEqual({
      outcome: 'quarantined',
      reason: 'PermanentError: The message body is not JSON.',
      sent: [],
    });
  });
});
