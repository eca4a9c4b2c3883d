import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { freePort, startSqsEmulator, waitUntil, type RunningSqsEmulator } from '@ndf/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeQueue } from '../src/sqs/consume-queue.js';

let emulator: RunningSqsEmulator;
let sqs: SQSClient;

beforeAll(async () => {
  emulator = await startSqsEmulator({ port: await freePort(), region: 'eu-west-3' });
  sqs = new SQSClient({ region: 'eu-west-3', endpoint: emulator.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  sqs?.destroy();
  await emulator?.stop();
});

async function queueWithDeadLetters(name: string, maxReceiveCount: number) {
  const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const url = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }) },
      }),
    )
  ).QueueUrl!;
  return { url, dlq };
}

describe('consumeQueue', () => {
  it('deletes what its handler finished, leaves what failed to the redrive policy, and stops when asked', async () => {
    const { url, dlq } = await queueWithDeadLetters('consume-test', 2);
    const handled: string[] = [];
    const attempts = new Map<string, number>();
    const stop = new AbortController();
    const running = consumeQueue({
      sqs,
      queueName: 'consume-test',
      deadlineMs: 1_000,
      concurrency: 4,
      signal: stop.signal,
      handle: async (body, context) => {
        attempts.set(body, context.receiveCount);
        if (body === 'poison') throw new Error('cannot handle this');
        handled.push(body);
      },
    });
    for (const body of ['a', 'b', 'poison']) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));

    await waitUntil('the good messages', async () => handled.length === 2, 10_000);
    await waitUntil('the poison pill to reach the DLQ', async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 0 }));
      return Messages?.[0]?.Body === 'poison';
    }, 15_000, 200);
    expect(handled.sort()).toEqual(['a', 'b']);
    expect(attempts.get('poison')).toBe(2);

    stop.abort();
    await running;
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }));
    expect(Messages ?? []).toEqual([]);
  }, 40_000);
});
