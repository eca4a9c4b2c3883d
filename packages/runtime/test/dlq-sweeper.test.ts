import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { bucketName, tableName } from '@ndf/catalog';
import { waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoQuarantineStore, sweepDeadLetterQueue, sweepOnce, type QuarantineSink } from '../src/quarantine/index.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'dlqsweep-';
const MAX_RECEIVE_COUNT = 2;
let stack: SharedStack;
let store: DynamoQuarantineStore;

beforeAll(async () => {
  stack = await startTestStack(PREFIX);
  const { dynamodb, s3, sqs } = stack.clients;
  store = new DynamoQuarantineStore({
    dynamodb,
    s3,
    sqs,
    tableName: tableName(PREFIX, 'runtime'),
    bucketName: bucketName(PREFIX, 'quarantine'),
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** A service queue whose redrive policy moves a message to its DLQ after MAX_RECEIVE_COUNT receives. */
async function queueWithDeadLetters(service: string) {
  const { sqs } = stack.clients;
  const queueName = `${PREFIX}${service}`;
  const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `${queueName}-dlq`, Attributes: { VisibilityTimeout: '1' } }))).QueueUrl!;
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const url = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: queueName,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT }) },
      }),
    )
  ).QueueUrl!;
  return { queueName, url, dlq };
}

/** Sends a message and fails it until the redrive policy moves it to the DLQ; returns its id. */
async function poison(url: string, body: string): Promise<string> {
  const { sqs } = stack.clients;
  const { MessageId } = await sqs.send(
    new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes: { tenant: { DataType: 'String', StringValue: 't-3' } } }),
  );
  for (let receive = 0; receive <= MAX_RECEIVE_COUNT; receive++) {
    // A visibility of 0 hands the message straight back, as a handler failing at once would.
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
  }
  return MessageId!;
}

async function depth(queueUrl: string): Promise<number> {
  const { Attributes } = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

describe('the dead-letter sweeper', () => {
  it('quarantines what reached the DLQ and then removes it from there', async () => {
    const { queueName, url, dlq } = await queueWithDeadLetters('billing');
    const id = await poison(url, '{"note":"n-1"}');
    expect(await depth(dlq)).toBe(1);

    expect(
      await sweepOnce({ sqs: stack.clients.sqs, store, service: 'billing', deadLetterQueueUrl: dlq, sourceQueueName: queueName }),
    ).toBe(1);

    expect(await depth(dlq)).toBe(0);
    expect(await store.show('billing', id)).toMatchObject({
      service: 'billing',
      source: { kind: 'sqs', queueName },
      payload: '{"note":"n-1"}',
      attributes: { tenant: 't-3' },
      reason: `reached the dead-letter queue after ${MAX_RECEIVE_COUNT} receives`,
      originalId: id,
      status: 'quarantined',
    });
  });

  it('does not quarantine a message twice when it comes back to the DLQ after a failed delete', async () => {
    const { queueName, url, dlq } = await queueWithDeadLetters('mail');
    const id = await poison(url, 'redelivered');
    // Writes the record, then fails as a sweeper crashing before its delete would.
    const crashAfterWrite: QuarantineSink = {
      quarantine: async (entry) => {
        await store.quarantine(entry);
        throw new Error('crashed before the delete');
      },
    };
    const options = { sqs: stack.clients.sqs, service: 'mail', deadLetterQueueUrl: dlq, sourceQueueName: queueName };
    expect(await sweepOnce({ ...options, store: crashAfterWrite })).toBe(0);
    expect(await depth(dlq)).toBe(1);

    await waitUntil('the message to be visible on the DLQ again', async () => (await sweepOnce({ ...options, store })) === 1, 10_000, 200);
    expect(await depth(dlq)).toBe(0);
    expect((await store.list({ service: 'mail' })).items.map((item) => item.id)).toEqual([id]);
  });

  it('sweeps as messages arrive until it is stopped', async () => {
    const { queueName, url, dlq } = await queueWithDeadLetters('exports');
    const stop = new AbortController();
    const sweeping = sweepDeadLetterQueue({
      sqs: stack.clients.sqs,
      store,
      service: 'exports',
      deadLetterQueueUrl: dlq,
      sourceQueueName: queueName,
      signal: stop.signal,
    });

    const first = await poison(url, 'one');
    const second = await poison(url, 'two');
    await waitUntil('both messages in quarantine', async () => (await store.list({ service: 'exports' })).items.length === 2, 10_000, 100);
    expect((await store.list({ service: 'exports' })).items.map((item) => item.id).sort()).toEqual([first, second].sort());
    await waitUntil('the DLQ to be empty', async () => (await depth(dlq)) === 0, 5_000, 100);

    stop.abort();
    await sweeping;
  });
});
