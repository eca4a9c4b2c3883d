import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { tableName } from '@ndf/catalog';
import { waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from '../src/service.js';
import { defineStreamService } from '../src/stream-service.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'streamsvc-';
let stack: SharedStack;

beforeAll(async () => {
  stack = await startTestStack(PREFIX);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a stream service', () => {
  it('reads its table stream in order in the shell every process has, and stops when asked', async () => {
    const seen: string[] = [];
    const stop = new AbortController();
    const running = await startService(
      defineStreamService({
        entry: {
          name: 'stream-test-service',
          description: 'a stream reader of this test only',
          table: 'notes',
          batchSize: 100,
          maxRetries: 3,
          deadlineMs: 5_000,
          alarms: { maxMessageAgeSeconds: 30, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
        },
        handleBatch: async (records, context) => {
          await context.call('sqs', async () => undefined);
          seen.push(...records.map((record) => record.dynamodb?.Keys?.pk?.S ?? ''));
        },
      }),
      { env: { ...stack.environment(), LOG_LEVEL: 'silent' }, signal: stop.signal },
    );
    const keys = Array.from({ length: 20 }, (_, index) => `S#${String(index).padStart(2, '0')}`);
    for (const pk of keys)
      await stack.clients.dynamodb.send(
        new PutItemCommand({ TableName: tableName(PREFIX, 'notes'), Item: { pk: { S: pk }, sk: { S: 'NOTE' } } }),
      );
    await waitUntil('every change read', async () => seen.length >= keys.length, 15_000);
    expect(seen).toEqual(keys);

    const metrics = (await (await fetch(`${running.metricsUrl}/metrics`)).json()) as {
      counters: Record<string, number>;
      gauges: Record<string, number>;
    };
    expect(metrics.counters.stream_handled).toBe(keys.length);
    expect(metrics.gauges.heartbeat).toBeGreaterThan(0);
    stop.abort();
    await running.stopped;
  }, 60_000);

  it('answers its health check unhealthy while a shard waits for a handler that ignored its deadline, and healthy once it stops', async () => {
    let stopHandler = (): void => undefined;
    const handlerStopped = new Promise<void>((resolve) => (stopHandler = resolve));
    let hung = false;
    const stop = new AbortController();
    const running = await startService(
      defineStreamService({
        entry: {
          name: 'stream-held-service',
          description: 'a stream reader of this test only',
          table: 'notes',
          batchSize: 100,
          maxRetries: 3,
          deadlineMs: 200,
          alarms: { maxMessageAgeSeconds: 30, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
        },
        handleBatch: async (records) => {
          // The first call with this test's record ignores its signal and runs on until let stop.
          if (hung || !records.some((record) => record.dynamodb?.Keys?.pk?.S === 'H#held')) return;
          hung = true;
          await handlerStopped;
        },
      }),
      { env: { ...stack.environment(), LOG_LEVEL: 'silent' }, signal: stop.signal },
    );
    const health = async () => {
      const answer = await fetch(`${running.metricsUrl}/health`);
      return { status: answer.status, body: (await answer.json()) as { detail: { abandonedInFlight: number } } };
    };
    try {
      expect((await health()).status).toBe(200);
      await stack.clients.dynamodb.send(
        new PutItemCommand({ TableName: tableName(PREFIX, 'notes'), Item: { pk: { S: 'H#held' }, sk: { S: 'NOTE' } } }),
      );
      await waitUntil('the service unhealthy', async () => (await health()).status === 503, 15_000);
      expect((await health()).body.detail.abandonedInFlight).toBe(1);
      stopHandler();
      await waitUntil('the service healthy again', async () => (await health()).status === 200, 15_000);
    } finally {
      stopHandler();
      stop.abort();
      await running.stopped;
    }
  }, 60_000);
});
