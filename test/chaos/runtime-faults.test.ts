import { catalog, tableName, type ServiceEntry } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack, waitUntil, type LocalStack } from '@ndf/local-stack';
import { TransientError, defineService, platformQuarantine, startService } from '@ndf/runtime';
import {
  CHAOS_SERVICE_MAIN,
  awsJson,
  awsJsonTarget,
  readLedger,
  startFaultProxy,
  startServiceProcess,
  type Fault,
  type FaultProxy,
  type ServiceProcess,
} from '@ndf/testkit';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PREFIX = 'chaos-';
const GOOD = 1_500;
const MALFORMED = 12;
// deadlineMs 1 s gives the catalog's minimum visibility, 30 s: that is also how long an
// effect claim outlives a killed process, so a shorter queue visibility would not speed up
// recovery. Five attempts keep the retry delays (up to 16 s) inside the test's time.
const entry: ServiceEntry = {
  name: 'chaos-service',
  description: 'a service of the chaos test only',
  critical: false,
  consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] },
  emits: [],
  limits: { deadlineMs: 1_000, concurrency: 32, maxAttempts: 5 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
};

// Sends mail through its breaker (an HTTP stand-in for the relay); a quarantine would be an outage misread as poison.
const breakerEntry: ServiceEntry = {
  ...entry,
  name: 'breaker-service',
  description: 'a service of the chaos test only, behind a breaker',
  emits: [{ kind: 'email' }],
  limits: { deadlineMs: 2_000, concurrency: 16, maxAttempts: 5 },
};

let stack: LocalStack;
let dynamodbProxy: FaultProxy;
let sqsProxy: FaultProxy;
const services: ServiceProcess[] = [];
// On disk, so that DynamoDB Local can be restarted with its tables; in RAM where the machine has a RAM disk, for speed.
const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ndf-chaos-'));

beforeAll(async () => {
  stack = await startLocalStack(await ephemeralConfig(PREFIX, dataDir), { catalog: { ...catalog, services: [entry, breakerEntry] } });
  dynamodbProxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
  sqsProxy = await startFaultProxy({ target: stack.endpoints.sqs, protocol: 'sqs' });
});
afterAll(async () => {
  for (const service of services) await service.kill();
  await dynamodbProxy?.stop();
  await sqsProxy?.stop();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function succeeded(service: ServiceProcess): Promise<number> {
  const snapshot = (await (await fetch(`${service.metricsUrl}/metrics`)).json()) as { counters: Record<string, number | undefined> };
  return snapshot.counters.succeeded ?? 0;
}

/** Sends the bodies in batches of ten; returns each message id with the id its body carries. */
async function send(queueUrl: string, bodies: { id: string; body: string }[]): Promise<Map<string, string>> {
  const sqs = awsJsonTarget(stack.environment(), 'sqs');
  const byMessageId = new Map<string, string>();
  const batches = Array.from({ length: Math.ceil(bodies.length / 10) }, (_, index) => bodies.slice(index * 10, index * 10 + 10));
  await Promise.all(
    batches.map(async (batch) => {
      const { Successful = [], Failed = [] } = await awsJson<{ Successful?: { Id: string; MessageId: string }[]; Failed?: unknown[] }>(
        sqs,
        'AmazonSQS.SendMessageBatch',
        {
          QueueUrl: queueUrl,
          Entries: batch.map(({ body }, index) => ({ Id: String(index), MessageBody: body })),
        },
      );
      expect(Failed).toEqual([]);
      for (const sent of Successful) byMessageId.set(sent.MessageId, batch[Number(sent.Id)]!.id);
    }),
  );
  return byMessageId;
}

async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await awsJson<{ Attributes?: Record<string, string> }>(
    awsJsonTarget(stack.environment(), 'sqs'),
    'AmazonSQS.GetQueueAttributes',
    {
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    },
  );
  return Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
}

async function quarantined(service = entry.name): Promise<Map<string, string>> {
  const store = platformQuarantine(stack.clients, PREFIX);
  const reasons = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await store.list({ service, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) reasons.set(item.id, item.reason);
    cursor = page.cursor;
  } while (cursor);
  return reasons;
}

/** Replays quarantined messages whose effect already ran, and checks that it still ran once. */
async function replayIsAbsorbed(
  messageIds: string[],
  ids: string[],
  where: { queueUrl: string; dynamodb: ReturnType<typeof awsJsonTarget>; ledgerTable: string },
): Promise<void> {
  if (messageIds.length === 0) return;
  const store = platformQuarantine(stack.clients, PREFIX);
  for (const messageId of messageIds)
    await store.replay(entry.name, messageId, { operator: { id: 'chaos-test', role: 'operator' }, reason: 'done then quarantined' });
  await waitUntil('the replays handled', async () => (await queueDepth(where.queueUrl)) === 0, 60_000, 500);
  await sleep(3_000);
  const ledger = await readLedger(where.dynamodb, where.ledgerTable);
  expect(ids.map((id) => ledger.get(id)?.runs)).toEqual(ids.map(() => 1));
}

describe('the runtime under faults', () => {
  it('ends every message exactly once, done or quarantined, through random failures, hangs, a SIGKILL, DynamoDB and SQS faults and a DynamoDB restart', async () => {
    const queueUrl = stack.provisioned.queues.get(entry.name)!.queue.url;
    const env = {
      ...process.env,
      ...stack.environment(),
      AWS_ENDPOINT_URL_DYNAMODB: dynamodbProxy.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsProxy.endpoint,
      LOG_LEVEL: 'info',
      CHAOS_ENTRY: JSON.stringify(entry),
      CHAOS_TRANSIENT_RATE: '0.05',
      CHAOS_HANG_RATE: '0.005',
      CHAOS_HANG_MS: '2500',
    };
    const bodies = [
      ...Array.from({ length: MALFORMED }, (_, index) => ({
        id: `bad-${index}`,
        body: index % 2 === 0 ? `{not json ${index}` : JSON.stringify({ noId: index }),
      })),
      ...Array.from({ length: GOOD }, (_, index) => ({ id: `m-${index}`, body: JSON.stringify({ id: `m-${index}` }) })),
    ];
    // A first part at once, the rest over about fifteen seconds, so that messages keep arriving through every fault.
    const idOf = await send(queueUrl, bodies.slice(0, 312));
    const sending = (async () => {
      for (let start = 312; start < bodies.length; start += 40) {
        await sleep(500);
        for (const [messageId, id] of await send(queueUrl, bodies.slice(start, start + 40))) idOf.set(messageId, id);
      }
    })();

    const first = await startServiceProcess({ entry: CHAOS_SERVICE_MAIN, env });
    services.push(first);
    await waitUntil('a fifth of the messages done', async () => (await succeeded(first)) >= GOOD / 5, 30_000);
    await first.kill();
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await startServiceProcess({ entry: CHAOS_SERVICE_MAIN, env });
    services.push(second);
    await waitUntil('the restarted service at work', async () => (await succeeded(second)) >= 50, 30_000);
    const faults: [FaultProxy, Fault][] = [
      [dynamodbProxy, { mode: 'http-500', probability: 0.5 }],
      [dynamodbProxy, { mode: 'throttle', probability: 0.5 }],
      // Requests that never answer: the deadline's signal cuts them off.
      [dynamodbProxy, { mode: 'hang', probability: 0.2 }],
      [sqsProxy, { mode: 'http-500', probability: 0.5 }],
      [sqsProxy, { mode: 'throttle', probability: 0.5 }],
      [sqsProxy, { mode: 'refuse' }],
    ];
    for (const [proxy, fault] of faults) {
      proxy.setFault(fault);
      await sleep(1_500);
      proxy.setFault({ mode: 'pass' });
    }
    await stack.restartDynamoDb(1_000);
    await sending;
    expect(idOf.size).toBe(bodies.length);

    const dynamodb = awsJsonTarget(stack.environment(), 'dynamodb');
    const ledgerTable = tableName(PREFIX, 'runtime');
    let lastProgress = 0;
    const explain = (error: unknown) => {
      console.log(`chaos: the service's last lines:\n${second.output().slice(-40).join('\n')}`);
      throw error;
    };
    await waitUntil(
      'every message done or quarantined',
      async () => {
        const [depth, ledgerSize, quarantineSize] = [
          await queueDepth(queueUrl),
          (await readLedger(dynamodb, ledgerTable)).size,
          (await quarantined()).size,
        ];
        if (Date.now() - lastProgress > 10_000) {
          lastProgress = Date.now();
          const metrics = (await (await fetch(`${second.metricsUrl}/metrics`)).json()) as {
            counters: Record<string, number>;
            gauges: Record<string, number>;
          };
          console.log(
            `chaos: progress queue=${depth} done=${ledgerSize} quarantined=${quarantineSize} in_flight=${metrics.gauges.in_flight} service=${JSON.stringify(metrics.counters)}`,
          );
        }
        return depth === 0 && ledgerSize + quarantineSize >= bodies.length;
      },
      120_000,
      1_000,
    ).catch(explain);
    // Handlers abandoned past their deadline wake up later: give them the time to double an effect.
    await sleep(3_000);

    const ledger = await readLedger(dynamodb, ledgerTable);
    const reasons = await quarantined();
    const quarantinedIds = new Set([...reasons.keys()].map((messageId) => idOf.get(messageId) ?? `unknown:${messageId}`));
    const ids = bodies.map(({ id }) => id);
    const done = ids.filter((id) => ledger.get(id)?.runs === 1 && !quarantinedIds.has(id));
    const inQuarantine = ids.filter((id) => quarantinedIds.has(id) && !ledger.has(id));
    const lost = ids.filter((id) => !ledger.has(id) && !quarantinedIds.has(id));
    const doubled = ids.filter((id) => (ledger.get(id)?.runs ?? 0) > 1);
    // At least once allows one more ending: the effect landed on the last attempt, whose record of
    // being done then failed, and the message went to quarantine although done. It is not a double
    // as long as its effect ran once and its replay from the quarantine is absorbed by the effect's
    // own condition, which is checked below.
    const doneThenQuarantined = ids.filter((id) => ledger.get(id)?.runs === 1 && quarantinedIds.has(id));
    // Runs of an effect that `once` let through again, absorbed by the effect's own condition.
    const replayed = [...ledger.values()].reduce((sum, line) => sum + line.replays, 0);
    console.log(
      `chaos: sent=${ids.length} done=${done.length} quarantined=${inQuarantine.length} lost=${lost.length} doubled=${doubled.length} replayed=${replayed} done_then_quarantined=${doneThenQuarantined.length}`,
    );

    expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
    expect(done.length + inQuarantine.length + doneThenQuarantined.length).toBe(ids.length);
    await replayIsAbsorbed(
      [...reasons.keys()].filter((messageId) => doneThenQuarantined.includes(idOf.get(messageId) ?? '')),
      doneThenQuarantined,
      { queueUrl, dynamodb, ledgerTable },
    );
    expect([...quarantinedIds].filter((id) => id.startsWith('unknown:'))).toEqual([]);
    for (const id of ids.filter((id) => id.startsWith('bad-'))) expect(inQuarantine).toContain(id);
    for (const reason of reasons.values()) expect(reason).not.toBe('');
    await second.stop();
  }, 200_000);

  it('loses nothing when stopped by SIGTERM under load, exits 0 within its drain deadline, and a new process finishes the rest', async () => {
    const queueUrl = stack.provisioned.queues.get(entry.name)!.queue.url;
    const env = { ...process.env, ...stack.environment(), LOG_LEVEL: 'info', CHAOS_ENTRY: JSON.stringify(entry) };
    const bodies = Array.from({ length: 2_000 }, (_, index) => ({ id: `t-${index}`, body: JSON.stringify({ id: `t-${index}` }) }));
    const idOf = await send(queueUrl, bodies);
    const before = new Set((await quarantined()).keys());

    const first = await startServiceProcess({ entry: CHAOS_SERVICE_MAIN, env });
    services.push(first);
    await waitUntil('the service under load', async () => (await succeeded(first)) >= 300, 30_000);
    const stoppingAt = Date.now();
    await first.stop();
    const stoppedInMs = Date.now() - stoppingAt;
    // Drain deadline (10 s) plus the poll that was under way (5 s).
    expect(stoppedInMs).toBeLessThan(15_000 + 2_000);
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = await startServiceProcess({ entry: CHAOS_SERVICE_MAIN, env });
    services.push(second);
    const dynamodb = awsJsonTarget(stack.environment(), 'dynamodb');
    const ledgerTable = tableName(PREFIX, 'runtime');
    const doneIds = async () => [...(await readLedger(dynamodb, ledgerTable)).entries()].filter(([id]) => id.startsWith('t-'));
    await waitUntil(
      'every message done',
      async () => (await doneIds()).length === bodies.length && (await queueDepth(queueUrl)) === 0,
      60_000,
      500,
    );
    await second.stop();

    const done = await doneIds();
    const doubled = done.filter(([, line]) => line.runs > 1).map(([id]) => id);
    const newlyQuarantined = [...(await quarantined()).keys()].filter((messageId) => !before.has(messageId) && idOf.has(messageId));
    console.log(
      `chaos: sigterm sent=${bodies.length} done=${done.length} quarantined=${newlyQuarantined.length} lost=${bodies.length - done.length} doubled=${doubled.length} stopped_in_ms=${stoppedInMs}`,
    );
    expect({ doubled, newlyQuarantined }).toEqual({ doubled: [], newlyQuarantined: [] });
  }, 100_000);

  it('pauses behind an open breaker while a dependency is down for thirty seconds, receiving only one probe per half-open, quarantines nothing, and drains after', async () => {
    const served = new Map<string, number>();
    const downstream: Server = createServer((request, response) => {
      const id = new URL(request.url ?? '/', 'http://downstream').searchParams.get('id') ?? '';
      served.set(id, (served.get(id) ?? 0) + 1);
      response.end('ok');
    });
    await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
    const address = downstream.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    const outage = await startFaultProxy({ target: `http://127.0.0.1:${address.port}` });
    outage.setFault({ mode: 'http-500' });
    const stop = new AbortController();
    const running = await startService(
      defineService({
        entry: breakerEntry,
        handle: async (message, context) => {
          const { id } = JSON.parse(message.body) as { id: string };
          await context.call('email', async (signal) => {
            const response = await fetch(`${outage.endpoint}/?id=${id}`, { signal });
            await response.arrayBuffer();
            if (!response.ok) throw new TransientError(`downstream answered ${response.status}`);
          });
        },
      }),
      { env: { ...stack.environment(), LOG_LEVEL: 'silent' }, signal: stop.signal, drainMs: 2_000 },
    );
    try {
      const states: string[] = [];
      const received = () => running.metrics.snapshot().counters.received ?? 0;
      let receivedAtFirstHalfOpen: number | undefined;
      running.breakers.onChange((_, state) => {
        states.push(state);
        if (state === 'half-open') receivedAtFirstHalfOpen ??= received();
      });
      const queueUrl = stack.provisioned.queues.get(breakerEntry.name)!.queue.url;
      const ids = Array.from({ length: 200 }, (_, index) => `b-${index}`);
      await send(
        queueUrl,
        ids.map((id) => ({ id, body: JSON.stringify({ id }) })),
      );
      await waitUntil('the breaker open', async () => running.breakers.state('email') === 'open', 10_000);
      await sleep(30_000);
      const halfOpens = states.filter((state) => state === 'half-open').length;
      const receivedDuringOutage = received() - (receivedAtFirstHalfOpen ?? received());
      outage.setFault({ mode: 'pass' });
      await waitUntil(
        'the backlog drained',
        async () => ids.every((id) => served.has(id)) && (await queueDepth(queueUrl)) === 0,
        60_000,
        500,
      );

      const inQuarantine = await quarantined(breakerEntry.name);
      console.log(
        `chaos: breaker sent=${ids.length} served=${served.size} quarantined=${inQuarantine.size} half_opens=${halfOpens} received_while_down=${receivedDuringOutage} breaker=${states.join('>')}`,
      );
      expect(inQuarantine.size).toBe(0);
      expect(halfOpens).toBeGreaterThanOrEqual(3);
      expect(receivedDuringOutage).toBeLessThanOrEqual(halfOpens);
      expect(states).toContain('open');
      expect(running.breakers.state('email')).toBe('closed');
    } finally {
      stop.abort();
      await running.stopped;
      await outage.stop();
      await new Promise<void>((resolve) => downstream.close(() => resolve()));
    }
  }, 120_000);
});
