import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { bucketName, tableName } from '@ndf/catalog';
import { waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../src/errors.js';
import { CORRELATION_ATTRIBUTE, MetricsRegistry } from '../src/observability/index.js';
import { DynamoQuarantineStore } from '../src/quarantine/index.js';
import { BreakerRegistry } from '../src/resilience/index.js';
import { AttemptLog } from '../src/sqs/attempt-log.js';
import { SqsConsumer, type MessageHandler } from '../src/sqs/sqs-consumer.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'consumer-';
let stack: SharedStack;
let store: DynamoQuarantineStore;
let queueCount = 0;

beforeAll(async () => {
  stack = await startTestStack(PREFIX);
  store = new DynamoQuarantineStore({
    dynamodb: stack.clients.dynamodb,
    s3: stack.clients.s3,
    sqs: stack.clients.sqs,
    tableName: tableName(PREFIX, 'runtime'),
    bucketName: bucketName(PREFIX, 'quarantine'),
  });
});
afterAll(async () => {
  await stack?.stop();
});

async function newQueue(options: { visibilitySeconds?: number; maxReceiveCount?: number } = {}) {
  queueCount += 1;
  const name = `${PREFIX}q${queueCount}`;
  const { sqs } = stack.clients;
  const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const url = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(options.visibilitySeconds ?? 30),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount ?? 10 }),
        },
      }),
    )
  ).QueueUrl!;
  return { name, url, dlq };
}

async function send(url: string, bodies: string[]): Promise<void> {
  for (let start = 0; start < bodies.length; start += 10) {
    const entries = bodies.slice(start, start + 10).map((body, index) => ({ Id: String(index), MessageBody: body }));
    await stack.clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
  }
}

async function visibleCount(url: string): Promise<number> {
  const { Messages = [] } = await stack.clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 0 }),
  );
  return Messages.length;
}

function consumer(
  queue: { name: string; url: string },
  handler: MessageHandler,
  overrides: Partial<ConstructorParameters<typeof SqsConsumer>[0]> = {},
) {
  const service = `svc-${queue.name}`;
  return new SqsConsumer({
    sqs: stack.clients.sqs,
    queueUrl: queue.url,
    queueName: queue.name,
    service,
    handler,
    quarantine: store,
    attemptLog: new AttemptLog(stack.clients.dynamodb, tableName(PREFIX, 'runtime'), service),
    breakers: new BreakerRegistry({}),
    dependencies: [],
    concurrency: 50,
    deadlineMs: 5_000,
    maxAttempts: 3,
    visibilityTimeoutSeconds: 30,
    waitTimeSeconds: 1,
    ...overrides,
  });
}

describe('the SQS consumer', () => {
  it('handles every message once, with far more than 10 in flight, and deletes them', async () => {
    const queue = await newQueue();
    const seen = new Map<string, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    const running = consumer(queue, async (message) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen.set(message.body, (seen.get(message.body) ?? 0) + 1);
      inFlight -= 1;
    });
    running.start();
    await send(
      queue.url,
      Array.from({ length: 300 }, (_, index) => `m${index}`),
    );
    await waitUntil('300 messages', async () => seen.size === 300, 20_000);
    await running.stop();
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(maxInFlight).toBeGreaterThan(10);
    expect(await visibleCount(queue.url)).toBe(0);
  });

  it('starts a new message as soon as a slot frees, without waiting for a slow one of its batch', async () => {
    const queue = await newQueue();
    const finished: string[] = [];
    const running = consumer(
      queue,
      async (message) => {
        if (message.body === 'slow') await new Promise((resolve) => setTimeout(resolve, 2_000));
        finished.push(message.body);
      },
      { concurrency: 2, pollers: 1 },
    );
    await send(queue.url, ['slow', ...Array.from({ length: 20 }, (_, index) => `fast${index}`)]);
    running.start();
    await waitUntil('all of them', async () => finished.length === 21, 15_000);
    await running.stop();
    expect(finished.at(-1)).toBe('slow');
  });

  it('keeps a long-running message invisible by extending its visibility', async () => {
    const queue = await newQueue({ visibilitySeconds: 1 });
    let calls = 0;
    const running = consumer(
      queue,
      async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      },
      { visibilityTimeoutSeconds: 1 },
    );
    running.start();
    await send(queue.url, ['long']);
    await waitUntil('the handler to run', async () => calls === 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await running.stop();
    expect(calls).toBe(1);
  });

  it('quarantines a permanent failure at once, with its payload and reason', async () => {
    const queue = await newQueue();
    const running = consumer(queue, async (message) => {
      if (message.body === 'bad') throw new PermanentError('the receipt id is not a ULID');
    });
    running.start();
    await send(queue.url, ['good', 'bad']);
    await waitUntil('the quarantine record', async () => (await store.list({ service: `svc-${queue.name}` })).items.length === 1, 10_000);
    await running.stop();
    const [summary] = (await store.list({ service: `svc-${queue.name}` })).items;
    const entry = await store.show(`svc-${queue.name}`, summary!.id);
    expect(entry).toMatchObject({
      payload: 'bad',
      reason: 'PermanentError: the receipt id is not a ULID',
      source: { kind: 'sqs', queueName: queue.name },
    });
    expect(await visibleCount(queue.url)).toBe(0);
  });

  it("logs a failed attempt with its message's correlation id, so that the search by that id finds it", async () => {
    const queue = await newQueue();
    const lines: Record<string, unknown>[] = [];
    const running = consumer(
      queue,
      async () => {
        throw new PermanentError('not a receipt');
      },
      { log: (line) => lines.push(line) },
    );
    running.start();
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'bad',
        MessageAttributes: { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: 'corr-failed-1' } },
      }),
    );
    await waitUntil('the failed attempt logged', async () => lines.some((line) => line.event === 'handler-failed'), 10_000);
    await running.stop();
    expect(lines.find((line) => line.event === 'handler-failed')).toMatchObject({
      level: 'warn',
      correlationId: 'corr-failed-1',
      errorName: 'PermanentError',
      outcome: 'quarantine',
    });
  });

  it('retries a transient failure later and quarantines it with every attempt once they are exhausted', async () => {
    const queue = await newQueue();
    let attempts = 0;
    const running = consumer(
      queue,
      async () => {
        attempts += 1;
        throw new TransientError(`downstream answered 503 (${attempts})`);
      },
      { maxAttempts: 2 },
    );
    running.start();
    await send(queue.url, ['flaky']);
    await waitUntil(
      'the quarantine record',
      async () => (await store.list({ service: `svc-${queue.name}` })).items.length === 1,
      20_000,
      200,
    );
    await running.stop();
    const [entry] = (await store.list({ service: `svc-${queue.name}` })).items;
    expect(entry?.reason).toMatch(/^exhausted 2 attempts/);
    expect(entry?.failures.map((failure) => failure.attempt)).toEqual([1, 2]);
  });

  it('abandons a handler that ignores its deadline, counts it, and does not delete its message', async () => {
    const queue = await newQueue();
    const metrics = new MetricsRegistry();
    const running = consumer(queue, () => new Promise<void>(() => undefined), {
      deadlineMs: 300,
      abandonAfterMs: 200,
      maxAttempts: 5,
      metrics,
    });
    running.start();
    await send(queue.url, ['hangs']);
    await waitUntil('the abandonment', async () => (metrics.snapshot().counters.abandoned ?? 0) >= 1, 10_000);
    await running.stop();
    expect(metrics.snapshot().counters.succeeded ?? 0).toBe(0);
    expect((await store.list({ service: `svc-${queue.name}` })).items).toEqual([]);
  });

  it('counts an abandoned handler against its concurrency until it really stops, with a gauge of those still running', async () => {
    const queue = await newQueue();
    const metrics = new MetricsRegistry();
    let running = 0;
    let mostAtOnce = 0;
    let letHungOnesEnd: () => void = () => undefined;
    const hungOnesEnd = new Promise<void>((resolve) => (letHungOnesEnd = resolve));
    const done = new Set<string>();
    const consuming = consumer(
      queue,
      async (message) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        try {
          // Deaf to its signal on the first attempt, as a CPU-bound or badly written handler is.
          if (message.body.startsWith('hang') && message.attempt === 1) await hungOnesEnd;
          else await new Promise((resolve) => setTimeout(resolve, 20));
          done.add(message.body);
        } finally {
          running -= 1;
        }
      },
      { concurrency: 2, deadlineMs: 200, abandonAfterMs: 100, maxAttempts: 5, metrics },
    );
    consuming.start();
    await send(queue.url, ['hang-1', 'hang-2']);
    await waitUntil('both handlers abandoned', async () => consuming.abandonedInFlight === 2, 10_000);
    expect(metrics.snapshot().gauges.abandoned_in_flight).toBe(2);
    const quick = Array.from({ length: 6 }, (_, index) => `quick-${index}`);
    await send(queue.url, quick);
    // Time for the consumer to start new work in the slots, were they free.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(done.size).toBe(0);
    letHungOnesEnd();
    await waitUntil('every message done', async () => [...quick, 'hang-1', 'hang-2'].every((body) => done.has(body)), 20_000);
    await consuming.stop();
    expect(mostAtOnce).toBeLessThanOrEqual(2);
    expect(consuming.abandonedInFlight).toBe(0);
    expect(metrics.snapshot().gauges.abandoned_in_flight).toBe(0);
  });

  it('on stop, finishes what it can and releases the rest at once for another worker', async () => {
    const queue = await newQueue();
    const first = consumer(
      queue,
      (_message, context) =>
        new Promise<void>((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason))),
    );
    first.start();
    await send(queue.url, ['in-hand']);
    await waitUntil('the message in hand', async () => first.inFlight === 1, 5_000);
    await first.stop(300);
    const handled: string[] = [];
    const second = consumer(queue, async (message) => void handled.push(message.body));
    second.start();
    await waitUntil('the released message', async () => handled.length === 1, 5_000);
    await second.stop();
    expect(handled).toEqual(['in-hand']);
  });

  it('stops receiving while a needed breaker is open, lets one message probe it when half-open, and drains the backlog when it closes', async () => {
    const queue = await newQueue({ maxReceiveCount: 2 });
    const breakers = new BreakerRegistry({ options: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 1_000 } });
    const metrics = new MetricsRegistry();
    let downstreamUp = false;
    const done: string[] = [];
    const running = consumer(
      queue,
      async (message, context) => {
        await context.call('downstream', async () => {
          if (!downstreamUp) throw new TransientError('downstream is down');
        });
        done.push(message.body);
      },
      { breakers, metrics, dependencies: ['downstream'], maxAttempts: 2, concurrency: 20 },
    );
    let halfOpens = 0;
    let receivedAtFirstHalfOpen: number | undefined;
    const received = () => metrics.snapshot().counters.received ?? 0;
    breakers.onChange((_, state) => {
      if (state !== 'half-open') return;
      halfOpens += 1;
      receivedAtFirstHalfOpen ??= received();
    });
    running.start();
    await send(
      queue.url,
      Array.from({ length: 60 }, (_, index) => `n${index}`),
    );
    await waitUntil('three probes refused', async () => halfOpens >= 3 && breakers.state('downstream') === 'open', 15_000, 50);
    // Each half-open lets one message through, and that probe fails: nothing else was received.
    expect(received() - receivedAtFirstHalfOpen!).toBeLessThanOrEqual(halfOpens);
    downstreamUp = true;
    await waitUntil('every message done', async () => done.length >= 60, 30_000, 200);
    await running.stop();
    expect(new Set(done).size).toBe(60);
    // Two receives would have sent a message to the DLQ: the outage cost no message an attempt.
    expect(await visibleCount(queue.dlq)).toBe(0);
    expect((await store.list({ service: `svc-${queue.name}` })).items).toEqual([]);
  });
});
