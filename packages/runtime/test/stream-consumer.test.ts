import { setTimeout as sleep } from 'node:timers/promises';
import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { tableName } from '@ndf/catalog';
import { waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../src/errors.js';
import { BreakerRegistry } from '../src/resilience/index.js';
import type { Metrics } from '../src/observability/metrics.js';
import type { QuarantineEntry, QuarantineSink } from '../src/quarantine/quarantine-entry.js';
import { consumeStream, type BatchHandler, type StreamConsumerOptions, type StreamRecord } from '../src/stream/index.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'stream-';
let stack: SharedStack;

beforeAll(async () => {
  stack = await startTestStack(PREFIX);
});
afterAll(async () => {
  await stack?.stop();
});

class MemorySink implements QuarantineSink {
  readonly entries: QuarantineEntry[] = [];
  async quarantine(entry: QuarantineEntry): Promise<void> {
    if (!this.entries.some((known) => known.originalId === entry.originalId)) this.entries.push(entry);
  }
}

class CountingMetrics implements Metrics {
  readonly counts = new Map<string, number>();
  readonly gauges = new Map<string, number>();
  increment(name: string, value = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }
  gauge(name: string, value: number): void {
    this.gauges.set(name, value);
  }
  observe(): void {}
}

const keyOf = (record: StreamRecord): string => record.dynamodb?.Keys?.pk?.S ?? '';
const sequenceOf = (record: StreamRecord): string => record.dynamodb?.SequenceNumber ?? '';
const padded = (index: number): string => String(index).padStart(2, '0');

async function put(pk: string, attributes: Record<string, AttributeValue> = {}): Promise<void> {
  await stack.clients.dynamodb.send(
    new PutItemCommand({ TableName: tableName(PREFIX, 'notes'), Item: { pk: { S: pk }, sk: { S: 'NOTE' }, ...attributes } }),
  );
}

/** Every test writes under its own key prefix and reads the one stream: records of other tests are passed over. */
function only(prefix: string, handler: BatchHandler): BatchHandler {
  return async (records, context) => {
    const mine = records.filter((record) => keyOf(record).startsWith(prefix));
    if (mine.length > 0) await handler(mine, context);
  };
}

function start(options: Pick<StreamConsumerOptions, 'consumerName' | 'handleBatch'> & Partial<StreamConsumerOptions>) {
  const controller = new AbortController();
  const sink = new MemorySink();
  const done = consumeStream({
    dynamodb: stack.clients.dynamodb,
    streams: stack.clients.dynamodbStreams,
    tableName: tableName(PREFIX, 'notes'),
    checkpointTable: tableName(PREFIX, 'runtime'),
    quarantine: sink,
    service: 'stream-test',
    signal: controller.signal,
    pollIntervalMs: 20,
    discoveryIntervalMs: 200,
    retryDelayMs: { starting: 5, max: 20 },
    ...options,
  });
  return {
    sink,
    stop: async (): Promise<void> => {
      controller.abort(new Error('stopped by the test'));
      await done;
    },
  };
}

describe('consumeStream', () => {
  it('delivers every change, in order per item', async () => {
    const seen = new Map<string, number[]>();
    const consumer = start({
      consumerName: 'order',
      handleBatch: only('O#', async (records) => {
        for (const record of records)
          seen.set(keyOf(record), [...(seen.get(keyOf(record)) ?? []), Number(record.dynamodb?.NewImage?.version?.N)]);
      }),
    });
    try {
      for (let version = 0; version < 10; version += 1) {
        for (const key of ['O#a', 'O#b', 'O#c']) await put(key, { version: { N: String(version) } });
      }
      await waitUntil('30 changes', async () => [...seen.values()].flat().length >= 30);
      const versions = Array.from({ length: 10 }, (_, index) => index);
      expect(Object.fromEntries(seen)).toEqual({ 'O#a': versions, 'O#b': versions, 'O#c': versions });
    } finally {
      await consumer.stop();
    }
  });

  it('bisects a poison record out, quarantines it with its images and moves on', async () => {
    const handled: string[] = [];
    // Written before the consumer starts, so that the poison record arrives inside one full batch.
    const keys = Array.from({ length: 50 }, (_, index) => (index === 17 ? 'P#17#poison' : `P#${padded(index)}`));
    for (const [index, key] of keys.entries()) await put(key, { note: { S: `lunch ${index}` }, amount: { N: String(index * 10) } });
    const consumer = start({
      consumerName: 'poison',
      maxRetries: 1,
      handleBatch: only('P#', async (records) => {
        if (records.some((record) => keyOf(record).endsWith('#poison'))) throw new Error('cannot price this note');
        handled.push(...records.map(keyOf));
      }),
    });
    try {
      await waitUntil('the 49 good records and the poison', async () => handled.length >= 49 && consumer.sink.entries.length === 1);
      expect(handled).toEqual(keys.filter((key) => !key.endsWith('#poison')));

      const [entry] = consumer.sink.entries;
      expect(entry).toMatchObject({
        service: 'stream-test',
        reason: 'cannot price this note',
        source: { kind: 'stream', table: tableName(PREFIX, 'notes') },
      });
      const payload = JSON.parse(entry!.payload) as {
        eventID: string;
        eventName: string;
        dynamodb: { Keys: unknown; NewImage: unknown; SequenceNumber: string };
      };
      expect(payload.eventName).toBe('INSERT');
      expect(payload.dynamodb.Keys).toEqual({ pk: { S: 'P#17#poison' }, sk: { S: 'NOTE' } });
      expect(payload.dynamodb.NewImage).toEqual({
        pk: { S: 'P#17#poison' },
        sk: { S: 'NOTE' },
        note: { S: 'lunch 17' },
        amount: { N: '170' },
      });
      expect(entry!.originalId).toBe(payload.eventID);
      expect(entry!.source).toMatchObject({ sequenceNumber: payload.dynamodb.SequenceNumber });
      // Each batch that held it was tried twice, down to the record alone.
      expect(entry!.failures.length).toBeGreaterThanOrEqual(4);
      expect(entry!.failures.length % 2).toBe(0);
      expect(entry!.lastReceivedAt >= entry!.firstReceivedAt).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('waits behind an open breaker while a dependency is down, quarantines nothing, and delivers everything in order after', async () => {
    const breakers = new BreakerRegistry({ options: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 500 } });
    const metrics = new CountingMetrics();
    let downstreamUp = false;
    const delivered: string[] = [];
    const keys = Array.from({ length: 30 }, (_, index) => `D#${padded(index)}`);
    const consumer = start({
      consumerName: 'outage',
      maxRetries: 1,
      batchSize: 5,
      metrics,
      breakers,
      dependencies: ['downstream'],
      handleBatch: only('D#', async (records) => {
        await breakers.call('downstream', async () => {
          if (!downstreamUp) throw new TransientError('downstream is down');
        });
        delivered.push(...records.map(keyOf));
      }),
    });
    try {
      for (const key of keys) await put(key);
      await waitUntil(
        'the breaker open and the shard waiting',
        async () => breakers.state('downstream') === 'open' && (metrics.counts.get('stream_paused') ?? 0) >= 2,
        10_000,
        20,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(delivered).toEqual([]);
      downstreamUp = true;
      await waitUntil('every record delivered', async () => delivered.length >= keys.length, 10_000, 20);
      expect(delivered).toEqual(keys);
      // Failures before the breaker opened were counted (and may have split the batch); none after.
      expect(consumer.sink.entries).toEqual([]);
    } finally {
      await consumer.stop();
    }
  });

  it('quarantines a record whose handler throws a PermanentError without retrying it', async () => {
    const metrics = new CountingMetrics();
    const alone: string[] = [];
    const handled: string[] = [];
    const consumer = start({
      consumerName: 'permanent',
      maxRetries: 5,
      metrics,
      handleBatch: only('X#', async (records) => {
        if (records.length === 1) alone.push(keyOf(records[0]!));
        if (records.some((record) => keyOf(record) === 'X#bad')) throw new PermanentError('unknown currency XXX');
        handled.push(...records.map(keyOf));
      }),
    });
    try {
      await put('X#before');
      await put('X#bad', { currency: { S: 'XXX' } });
      await put('X#after');
      await waitUntil(
        'the record quarantined and the next handled',
        async () => consumer.sink.entries.length === 1 && handled.includes('X#after'),
      );
      expect(handled).toEqual(['X#before', 'X#after']);
      expect(alone.filter((key) => key === 'X#bad')).toHaveLength(1);
      expect(metrics.counts.get('stream_retried') ?? 0).toBe(0);
      const [entry] = consumer.sink.entries;
      expect(entry!.reason).toBe('unknown currency XXX');
      expect(entry!.failures.every((failure) => failure.errorName === 'PermanentError')).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('counts a handler past its deadline as failed', async () => {
    const handled: string[] = [];
    const consumer = start({
      consumerName: 'timeout',
      maxRetries: 0,
      handlerTimeoutMs: 100,
      handleBatch: only('T#', async (records, { signal }) => {
        if (records.some((record) => keyOf(record) === 'T#hang')) {
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
        }
        handled.push(...records.map(keyOf));
      }),
    });
    try {
      await put('T#hang');
      await put('T#after');
      await waitUntil('the hanging record quarantined', async () => consumer.sink.entries.length === 1 && handled.includes('T#after'));
      expect(consumer.sink.entries[0]!.failures.every((failure) => failure.errorName === 'TimeoutError')).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('tries no record again while a handler past its deadline still runs, and counts it as abandoned until it stops', async () => {
    const metrics = new CountingMetrics();
    const handled: string[] = [];
    let calls = 0;
    let running = 0;
    let mostAtOnce = 0;
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const consumer = start({
      consumerName: 'abandoned',
      maxRetries: 5,
      handlerTimeoutMs: 100,
      abandonAfterMs: 50,
      metrics,
      handleBatch: only('A#', async (records) => {
        calls += 1;
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        try {
          // The first call ignores its signal and runs on until the test lets it stop.
          if (calls === 1) await stopped;
          else handled.push(...records.map(keyOf));
        } finally {
          running -= 1;
        }
      }),
    });
    try {
      await put('A#hang');
      await waitUntil('the handler counted as abandoned', async () => metrics.gauges.get('abandoned_in_flight') === 1);
      // Room for the five retries (20 ms apart at most) to pile up copies, were the shard not held.
      await sleep(500);
      expect(calls).toBe(1);
      stop();
      await waitUntil('the record handled once the abandoned handler stopped', async () => handled.includes('A#hang'));
      expect(metrics.gauges.get('abandoned_in_flight')).toBe(0);
      expect(metrics.counts.get('stream_abandoned')).toBe(1);
      expect(mostAtOnce).toBe(1);
      expect(consumer.sink.entries).toEqual([]);
    } finally {
      stop();
      await consumer.stop();
    }
  });

  it('stops when asked while a shard waits for a handler that never stops', async () => {
    const metrics = new CountingMetrics();
    const consumer = start({
      consumerName: 'never-stops',
      handlerTimeoutMs: 100,
      abandonAfterMs: 50,
      metrics,
      handleBatch: only('N#', () => new Promise(() => undefined)),
    });
    await put('N#hang');
    await waitUntil('the handler counted as abandoned', async () => metrics.gauges.get('abandoned_in_flight') === 1);
    await consumer.stop();
    expect(consumer.sink.entries).toEqual([]);
  });

  it('resumes after a restart from the checkpoint, redelivering nothing handled', async () => {
    const first: StreamRecord[] = [];
    const a = start({ consumerName: 'resume', handleBatch: only('R#', async (records) => void first.push(...records)) });
    try {
      for (let index = 0; index < 20; index += 1) await put(`R#${padded(index)}`);
      await waitUntil('the first 20', async () => first.length >= 20);
    } finally {
      await a.stop();
    }
    for (let index = 20; index < 30; index += 1) await put(`R#${padded(index)}`);

    const second: StreamRecord[] = [];
    const b = start({ consumerName: 'resume', handleBatch: async (records) => void second.push(...records) });
    try {
      await waitUntil('the last 10', async () => second.some((record) => keyOf(record) === 'R#29'));
      expect(first.map(keyOf)).toEqual(Array.from({ length: 20 }, (_, index) => `R#${padded(index)}`));
      // Everything written before, by this test or others, was checkpointed by the first run.
      expect(second.map(keyOf)).toEqual(Array.from({ length: 10 }, (_, index) => `R#${padded(index + 20)}`));
    } finally {
      await b.stop();
    }
  });

  it('redelivers after a restart only the batch that was in hand', async () => {
    for (let index = 0; index < 12; index += 1) await put(`U#${padded(index)}`);
    const completed = new Set<string>();
    let inHand: string[] = [];
    const a = start({
      consumerName: 'resume-mid',
      batchSize: 4,
      handleBatch: async (records, { signal }) => {
        if (records.some((record) => keyOf(record) === 'U#06')) {
          inHand = records.map(sequenceOf);
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
        }
        for (const record of records) completed.add(sequenceOf(record));
      },
    });
    try {
      await waitUntil('the batch with U#06 in hand', async () => inHand.length > 0);
    } finally {
      await a.stop();
    }

    const calls: StreamRecord[][] = [];
    const b = start({ consumerName: 'resume-mid', batchSize: 4, handleBatch: async (records) => void calls.push(records) });
    try {
      await waitUntil('U#11', async () => calls.flat().some((record) => keyOf(record) === 'U#11'));
      expect(calls[0]!.map(sequenceOf)).toEqual(inHand);
      expect(calls.flat().filter((record) => completed.has(sequenceOf(record)))).toEqual([]);
    } finally {
      await b.stop();
    }
  });

  it('lets only one of two consumers of the same name read the shard, and the other take over when it stops', async () => {
    const deliveries: { consumer: string; key: string }[] = [];
    const consumerOf = (name: string) =>
      start({
        consumerName: 'pair',
        leaseDurationMs: 2_000,
        handleBatch: only(
          'W#',
          async (records) => void deliveries.push(...records.map((record) => ({ consumer: name, key: keyOf(record) }))),
        ),
      });
    const consumers = { one: consumerOf('one'), two: consumerOf('two') };
    const stopped = new Set<string>();
    try {
      for (let index = 0; index < 20; index += 1) await put(`W#${padded(index)}`);
      await waitUntil('the first 20', async () => deliveries.length >= 20);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deliveries.map((delivery) => delivery.key)).toEqual(Array.from({ length: 20 }, (_, index) => `W#${padded(index)}`));
      const holders = new Set(deliveries.map((delivery) => delivery.consumer));
      expect(holders.size).toBe(1);

      const holder = [...holders][0] as 'one' | 'two';
      const other = holder === 'one' ? 'two' : 'one';
      await consumers[holder].stop();
      stopped.add(holder);
      for (let index = 20; index < 25; index += 1) await put(`W#${padded(index)}`);
      await waitUntil('the next 5', async () => deliveries.length >= 25);
      expect(deliveries.slice(20)).toEqual(Array.from({ length: 5 }, (_, index) => ({ consumer: other, key: `W#${padded(index + 20)}` })));
    } finally {
      for (const [name, consumer] of Object.entries(consumers)) if (!stopped.has(name)) await consumer.stop();
    }
  });
});
