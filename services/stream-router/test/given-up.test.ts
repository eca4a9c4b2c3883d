import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { bucketName, catalog, queueName, tableName } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { DynamoQuarantineStore } from '@ndf/runtime';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { givenUpHandler } from '../src/given-up-lambda.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What the router's event source mapping gives up reaches the quarantine, to be listed and replayed.
const PREFIX = 'router-given-up-';
let stack: SharedStack;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  handler = givenUpHandler({ ...process.env, ...stack.environment() });
});
afterAll(async () => stack?.stop());

const change = (sequence: string) => ({
  eventID: `given-up-${sequence}`,
  eventName: 'MODIFY',
  dynamodb: {
    Keys: { pk: { S: 'T#acme#R#r9' }, sk: { S: 'RCPT#r9' } },
    NewImage: { pk: { S: 'T#acme#R#r9' }, sk: { S: 'RCPT#r9' }, type: { S: 'RECEIPT' }, status: { S: 'uploaded' } },
    SequenceNumber: sequence,
    ApproximateCreationDateTime: 1_767_225_600,
  },
});

function notified(bucket: string, key: string): SQSEvent {
  const body = JSON.stringify({ Records: [{ s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key) } } }] });
  return { Records: [{ messageId: `m-${key}`, body }] } as unknown as SQSEvent;
}

describe("the drain of what the router's event source mapping gives up", () => {
  it('quarantines each record of a given-up batch under the router, where an operator lists and replays it', async () => {
    const bucket = bucketName(PREFIX, 'quarantine');
    const key = 'aws/lambda/esm-uuid/shardId-1/2026/01/02/2026-01-02T00.00.00-given-up';
    const invocation = {
      requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 4_100 },
      timestamp: '2026-01-02T00:00:00.000Z',
      DDBStreamBatchInfo: {
        shardId: 'shardId-1',
        streamArn: `arn:aws:dynamodb:eu-west-3:000000000000:table/${tableName(PREFIX, 'notes')}/stream/2026-01-01T00:00:00.000`,
      },
      payload: JSON.stringify({ Records: [change('500'), change('501')] }),
    };
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(invocation) }));

    expect(await handler(notified(bucket, key))).toEqual({ batchItemFailures: [] });
    // A second notification of the same object quarantines nothing twice.
    expect(await handler(notified(bucket, key))).toEqual({ batchItemFailures: [] });

    const store = new DynamoQuarantineStore({
      dynamodb: stack.clients.dynamodb,
      s3: stack.clients.s3,
      sqs: stack.clients.sqs,
      tableName: tableName(PREFIX, 'runtime'),
      bucketName: bucket,
    });
    const { items } = await store.list({ service: 'stream-router' });
    expect(items.map((item) => item.id).sort()).toEqual(['given-up-500', 'given-up-501']);
    expect(items[0]).toMatchObject({
      source: { kind: 'stream', table: 'notes', shardId: 'shardId-1' },
      reason: expect.stringMatching(/RecordAgeExceeded/),
    });

    const target = queueName(PREFIX, 'format-sniffer');
    await store.replay('stream-router', 'given-up-500', { operator: { id: 'ops@ndf', role: 'operator' }, queueName: target });
    const { Messages = [] } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.provisioned.queues.get('format-sniffer')!.queue.url, WaitTimeSeconds: 1 }),
    );
    expect(Messages.map((message) => (JSON.parse(message.Body!) as { eventID: string }).eventID)).toEqual(['given-up-500']);
  });

  it('reports a notification it cannot drain, so that its queue hands it again', async () => {
    const answer = await handler(notified(bucketName(PREFIX, 'quarantine'), 'aws/lambda/esm-uuid/missing'));
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-aws/lambda/esm-uuid/missing' }]);
  });
});
