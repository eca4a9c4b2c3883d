import { setTimeout as sleep } from 'node:timers/promises';
import { catalog } from '@ndf/catalog';
import { ENDPOINT_VARIABLES } from '@ndf/core';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startFaultProxy, type FaultProxy } from '@ndf/testkit';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { routerHandler } from '../src/lambda.js';
import { receiptRecord } from './receipt-record.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The cloud router with its quarantine's DynamoDB behind a fault proxy: a write that never answers.
const PREFIX = 'router-time-';
let stack: SharedStack;
let proxy: FaultProxy;
let handler: (
  event: DynamoDBStreamEvent,
  context: { getRemainingTimeInMillis: () => number },
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  proxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
  // Its quarantine's DynamoDB (the only table it writes) is the proxy.
  handler = routerHandler({ ...process.env, ...stack.environment(), [ENDPOINT_VARIABLES.dynamodb]: proxy.endpoint });
});
afterAll(async () => {
  await proxy?.stop();
  await stack?.stop();
});

describe('the stream router as a Lambda, when its time runs out', () => {
  it('hands the batch back from its first record not done before Lambda would kill it, while a quarantine write hangs', async () => {
    proxy.setFault({ mode: 'hang' });
    const remainingMs = 5_000;
    // What Lambda does at its timeout: the invocation is killed, whatever it was writing.
    const killed = sleep(remainingMs).then(() => 'killed at the Lambda timeout');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // 901 routes; 902's image cannot be read, so it is bisected out and its quarantine write hangs.
      const event = {
        Records: [
          receiptRecord('901', 'r7'),
          receiptRecord('902', 'r7', { type: { X: 'not an attribute value' } as unknown as { S: string } }),
        ],
      };
      const answer = await Promise.race([handler(event, { getRemainingTimeInMillis: () => remainingMs }), killed]);
      expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '902' }] });
    } finally {
      write.mockRestore();
      error.mockRestore();
      proxy.setFault({ mode: 'pass' });
    }
  }, 30_000);
});
