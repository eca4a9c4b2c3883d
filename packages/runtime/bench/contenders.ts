import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import { BreakerRegistry } from '../src/resilience/index.js';
import { AttemptLog } from '../src/sqs/attempt-log.js';
import { SqsConsumer } from '../src/sqs/sqs-consumer.js';
import { REGION, isSlow, sleep, type RunTally } from './harness.js';

export type HandlerKind = 'no-op' | 'slow-tail';

/** A consumer under test, started on a filled queue; `stop` is not timed. */
export interface Running {
  stop(): Promise<void>;
  /** Anything that went wrong inside the consumer (receive errors, handler failures...). */
  readonly problems: string[];
}

export interface ContenderContext {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueName: string;
  readonly tally: RunTally;
  readonly handler: HandlerKind;
  /** An endpoint nothing listens on: the AttemptLog needs a client, and a clean run never calls it. */
  readonly unusedEndpoint: string;
}

async function work(kind: HandlerKind, body: string | undefined): Promise<void> {
  if (kind === 'slow-tail' && isSlow(body)) await sleep(200);
}

export const RAW_LOOPS = 8;

/** (a) The ceiling: RAW_LOOPS loops of receive 10, handle all at once, delete in one batch. */
export function startRawLoop({ sqs, queueUrl, tally, handler }: ContenderContext): Running {
  const problems: string[] = [];
  let stopping = false;
  const loop = async () => {
    while (!stopping && tally.deleted < tally.expected) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        if (Messages.length === 0) continue;
        const receivedAt = performance.now();
        await Promise.all(
          Messages.map(async (message: Message) => {
            await work(handler, message.Body);
            tally.handledOne(message.Body ?? '', receivedAt);
          }),
        );
        const { Failed = [] } = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
        if (Failed.length > 0) problems.push(`delete failed: ${Failed[0]?.Message ?? ''}`);
        tally.deletedSome(Messages.length - Failed.length);
      } catch (error) {
        problems.push(String(error));
      }
    }
  };
  const loops = Array.from({ length: RAW_LOOPS }, loop);
  return {
    problems,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

export const SQS_CONSUMER_SETTINGS = { batchSize: 10, waitTimeSeconds: 1, pollingWaitTimeMs: 0, shouldDeleteMessages: true } as const;

/** (b) sqs-consumer, one instance, handleMessage with batchSize 10. */
export function startSqsConsumerPackage({ sqs, queueUrl, tally, handler }: ContenderContext): Running {
  const problems: string[] = [];
  const receivedAt = new Map<string, number>();
  const consumer = Consumer.create({
    queueUrl,
    sqs,
    ...SQS_CONSUMER_SETTINGS,
    pollingCompleteWaitTimeMs: 10_000,
    handleMessage: async (message) => {
      await work(handler, message.Body);
      tally.handledOne(message.Body ?? '', receivedAt.get(message.MessageId ?? '') ?? performance.now());
      receivedAt.delete(message.MessageId ?? '');
      return message;
    },
  });
  consumer.on('message_received', (message) => receivedAt.set(message.MessageId ?? '', performance.now()));
  consumer.on('message_processed', () => tally.deletedSome(1));
  consumer.on('error', (error) => problems.push(error.message));
  consumer.on('processing_error', (error) => problems.push(error.message));
  consumer.start();
  return {
    problems,
    stop: () =>
      new Promise<void>((resolve) => {
        consumer.once('stopped', () => resolve());
        consumer.stop();
      }),
  };
}

export const OUR_SETTINGS = { concurrency: 100, deadlineMs: 30_000, maxAttempts: 5, visibilityTimeoutSeconds: 30 } as const;

/** (c) Our SqsConsumer: concurrency 100, everything else at its defaults (pollers, long-poll wait, delete batching). */
export function startOurConsumer({ sqs, queueUrl, queueName, tally, handler, unusedEndpoint }: ContenderContext): Running {
  const problems: string[] = [];
  const dynamodb = new DynamoDBClient({
    region: REGION,
    endpoint: unusedEndpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  const consumer = new SqsConsumer({
    sqs,
    queueUrl,
    queueName,
    service: 'bench',
    handler: async (message) => {
      const startedAt = performance.now();
      await work(handler, message.body);
      tally.handledOne(message.body, startedAt);
    },
    quarantine: { quarantine: async (entry) => void problems.push(`quarantined: ${entry.reason}`) },
    attemptLog: new AttemptLog(dynamodb, 'bench-runtime', 'bench'),
    breakers: new BreakerRegistry(),
    dependencies: [],
    ...OUR_SETTINGS,
    metrics: {
      increment: (name, value = 1) => {
        if (name === 'deleted') tally.deletedSome(value);
      },
      gauge: () => undefined,
      observe: () => undefined,
    },
    log: (event) => problems.push(JSON.stringify(event)),
  });
  consumer.start();
  return {
    problems,
    stop: async () => {
      await consumer.stop();
      dynamodb.destroy();
    },
  };
}
