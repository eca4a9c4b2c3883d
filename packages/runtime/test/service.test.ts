import { PurgeQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { catalog, serviceDependencies, serviceEntry, type ServiceEntry } from '@ndf/catalog';
import { waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../src/errors.js';
import { CORRELATION_ATTRIBUTE } from '../src/observability/index.js';
import { DynamoQuarantineStore } from '../src/quarantine/index.js';
import { defineService, startService } from '../src/service.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'svc-';
const entry: ServiceEntry = {
  name: 'echo-service',
  description: 'a service of this test only',
  critical: false,
  consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] },
  emits: [{ kind: 'service', service: 'sink-service' }],
  limits: { deadlineMs: 2_000, concurrency: 16, maxAttempts: 3 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
};
const sink: ServiceEntry = { ...entry, name: 'sink-service', consumes: { kind: 'queue' }, emits: [] };
let stack: SharedStack;

beforeAll(async () => {
  stack = await startTestStack(PREFIX, { ...catalog, services: [entry, sink] });
});
afterAll(async () => {
  await stack?.stop();
});

describe('a service defined with defineService', () => {
  it('consumes its catalog queue, runs effects once, quarantines poison, reports metrics, and drains on stop', async () => {
    const effects: string[] = [];
    const stop = new AbortController();
    const service = defineService({
      entry,
      handle: async (message, context) => {
        if (message.body === 'poison') throw new PermanentError('not a note');
        // The same key twice: the second run returns the stored result without a second effect.
        for (let i = 0; i < 2; i += 1) await context.once(`mail:${message.body}`, async () => void effects.push(message.body));
        if (message.body === 'd') await context.call('email', async () => undefined);
        await context.emit('sink-service', { seen: message.body });
        if (message.body === 'c') await context.emit('a-service-it-does-not-emit-to', {});
      },
    });
    const running = await startService(service, {
      env: { ...stack.environment(), LOG_LEVEL: 'silent' },
      signal: stop.signal,
      drainMs: 2_000,
    });
    const url = stack.provisioned.queues.get('echo-service')!.queue.url;
    for (const body of ['a', 'b', 'poison', 'c', 'd']) {
      await stack.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageAttributes: { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: `req-${body}` } },
        }),
      );
    }

    await waitUntil('four effects', async () => effects.length === 4, 15_000);
    const store = new DynamoQuarantineStore({
      dynamodb: stack.clients.dynamodb,
      s3: stack.clients.s3,
      sqs: stack.clients.sqs,
      tableName: `${PREFIX}runtime`,
      bucketName: `${PREFIX}quarantine`,
    });
    // 'c' tried to send where its catalog entry does not say it sends, 'd' to call what it does not
    // declare: wiring mistakes, quarantined with the reason.
    await waitUntil(
      'the poison pill and the miswired messages in quarantine',
      async () => (await store.list({ service: 'echo-service' })).items.length === 3,
      10_000,
    );
    const reasons = (await store.list({ service: 'echo-service' })).items.map((item) => item.reason).sort();
    expect(reasons).toEqual([
      'PermanentError: echo-service calls email, which its catalog entry does not declare (it declares dynamodb, sqs).',
      "PermanentError: echo-service does not emit to a-service-it-does-not-emit-to: add it to the service's catalog entry.",
      'PermanentError: not a note',
    ]);

    const handedOn = await stack.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.provisioned.queues.get('sink-service')!.queue.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    // At least once: an attempt past its deadline on a loaded machine may have handed on twice.
    const correlations = [
      ...new Set(
        (handedOn.Messages ?? []).map((sent) =>
          JSON.stringify([JSON.parse(sent.Body!).seen, sent.MessageAttributes?.[CORRELATION_ATTRIBUTE]?.StringValue]),
        ),
      ),
    ]
      .map((pair) => JSON.parse(pair) as [string, string])
      .sort();
    expect(correlations).toEqual([
      ['a', 'req-a'],
      ['b', 'req-b'],
      ['c', 'req-c'],
    ]);
    type Snapshot = { counters: Record<string, number>; gauges: Record<string, number> };
    const readMetrics = async () => (await (await fetch(`${running.metricsUrl}/metrics`)).json()) as Snapshot;
    await waitUntil('the counters over HTTP', async () => (await readMetrics()).counters.succeeded === 2, 5_000);
    const snapshot = await readMetrics();
    expect(snapshot.counters).toMatchObject({ succeeded: 2, quarantined: 3 });
    expect(snapshot.counters.received).toBeGreaterThanOrEqual(5);
    expect(snapshot.gauges.heartbeat).toBeGreaterThan(0);
    expect((await fetch(`${running.metricsUrl}/health`)).status).toBe(200);

    stop.abort();
    await running.stopped;
    expect(effects.sort()).toEqual(['a', 'b', 'c', 'd']);
  }, 60_000);

  it('builds its dependencies on the first message, once, closes them on stop, and types `call` from the catalog entry', async () => {
    const stop = new AbortController();
    let built = 0;
    let closed = 0;
    const handled: number[] = [];
    const service = defineService({
      entry: { ...entry, name: 'sink-service' },
      dependencies: async ({ onStop }) => {
        built += 1;
        onStop(() => void (closed += 1));
        return { pool: built };
      },
      handle: async (_message, _context, { pool }) => void handled.push(pool),
    });
    const running = await startService(service, {
      env: { ...stack.environment(), LOG_LEVEL: 'silent' },
      signal: stop.signal,
      drainMs: 1_000,
    });
    expect(built).toBe(0);
    const url = stack.provisioned.queues.get('sink-service')!.queue.url;
    await stack.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    for (const body of ['1', '2', '3']) await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    await waitUntil('three messages handled', async () => handled.length >= 3, 15_000);
    stop.abort();
    await running.stopped;
    expect({ built, closed, pools: [...new Set(handled)] }).toEqual({ built: 1, closed: 1, pools: [1] });

    // An entry of the catalog types the names its handler may call: note-enricher touches no bucket.
    defineService({
      entry: serviceEntry('note-enricher'),
      handle: async (_message, context) => {
        await context.call('dynamodb', async () => undefined);
        // @ts-expect-error note-enricher's entry declares no bucket, so no `s3` breaker
        await context.call('s3', async () => undefined);
      },
    });
    expect(serviceDependencies(serviceEntry('note-enricher'))).toEqual(['dynamodb']);
  }, 60_000);
});
