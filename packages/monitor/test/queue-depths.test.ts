import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { catalog } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueDepths } from '../src/index.js';

let stack: SharedStack;
beforeAll(async () => {
  stack = await useSharedStack('monitor-queues-', catalog);
});
afterAll(async () => {
  await stack?.stop();
});

describe('queue depths', () => {
  it("reads each service's queue and dead-letter queue, and leaves out a queue that is not there", async () => {
    await stack.clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: stack.provisioned.queues.get('receipt-parser')!.queue.url,
        Entries: ['a', 'b', 'c'].map((id) => ({ Id: id, MessageBody: id })),
      }),
    );
    const depths = new QueueDepths({
      sqs: stack.clients.sqs,
      prefix: stack.config.prefix,
      services: ['receipt-parser', 'no-such-service'],
    });
    await depths.pollOnce();
    expect(depths.of('receipt-parser')).toEqual({
      queue: { queue: `${stack.config.prefix}receipt-parser`, visible: 3, inFlight: 0 },
      deadLetters: { queue: `${stack.config.prefix}receipt-parser-dlq`, visible: 0, inFlight: 0 },
    });
    expect(depths.of('no-such-service')).toEqual({});
  });
});
