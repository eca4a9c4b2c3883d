import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { catalog } from '@ndf/catalog';
import type { ChangeMessage } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { routerHandler } from '../src/lambda.js';
import { receiptRecord } from './receipt-record.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The cloud router: the same routing, called as the stream's event source mapping calls it.
const PREFIX = 'router-lambda-';
let stack: SharedStack;
let handler: (
  event: DynamoDBStreamEvent,
  context: { getRemainingTimeInMillis: () => number },
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  handler = routerHandler({ ...process.env, ...stack.environment() });
});
afterAll(async () => stack?.stop());

const record = (sequence: string, status: string) => receiptRecord(sequence, 'r1', { status, correlationId: 'req-lambda-1' });

describe('the stream router as a Lambda', () => {
  it('routes a batch of the event source mapping to the subscribed queues, reports no failure, and writes its metrics as EMF', async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const answer = await handler(
      { Records: [record('100', 'uploaded'), record('101', 'reading')] },
      { getRemainingTimeInMillis: () => 15_000 },
    ).finally(() => write.mockRestore());
    expect(answer).toEqual({ batchItemFailures: [] });
    const emf = written.map(
      (line) =>
        JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] } },
    );
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ Service: 'stream-router', stream_records: 2, stream_handler_failed: 0 });
    expect(emf[0]!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Ndf/Services', Dimensions: [['Service']] });
    const { Messages = [] } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.provisioned.queues.get('format-sniffer')!.queue.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(
      Messages.map((message) => [
        (JSON.parse(message.Body!) as ChangeMessage).sequenceNumber,
        message.MessageAttributes?.['ndf-correlation-id']?.StringValue,
      ]),
    ).toEqual([['100', 'req-lambda-1']]);
  });
});
