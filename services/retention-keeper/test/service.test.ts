import { catalog } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

// The service's own definition, fed through its queue, on the test run's shared local stack: the
// catalog's tables and buckets and this service's own queues, under a prefix of its own.
let stack: SharedStack;
let running: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack('retention-keeper-', { ...catalog, services: [service.entry] });
  running = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

describe('retention-keeper', () => {
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
