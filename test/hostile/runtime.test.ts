import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { bucketName, catalog, tableName, type ServiceEntry } from '@ndf/catalog';
import { waitUntil } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { DynamoQuarantineStore, PermanentError, defineService, startService, type RunningService } from '@ndf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Hostile messages and handlers against the runtime every service runs on: each case ends as
// its expected outcome (done, or quarantined with its reason, at once or once its attempts are
// spent), and none holds up the good messages sent after it.
const entry: ServiceEntry = {
  name: 'hostile-runtime',
  description: 'a service of the hostile catalogue only',
  critical: false,
  // A stream consumer in the catalog's eyes (its queue is provisioned); the test sends to the queue itself.
  consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] },
  emits: [],
  limits: { deadlineMs: 1_000, concurrency: 8, maxAttempts: 2 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
};

/** What the test handler does with a well-formed message: `{ "id": ..., "act": ... }`. */
type Act =
  | 'succeed'
  | 'hang'
  | 'denied-once'
  | 'throw-string'
  | 'throw-undefined'
  | 'throw-null'
  | 'throw-number'
  | 'throw-plain-object'
  | 'throw-bare-object';

const THROWN: Record<Extract<Act, `throw-${string}`>, () => unknown> = {
  'throw-string': () => 'a string, not an Error',
  'throw-undefined': () => undefined,
  'throw-null': () => null,
  'throw-number': () => 42,
  'throw-plain-object': () => ({ code: 'E_WEIRD', detail: { nested: true } }),
  // No prototype: String() of it throws, so describing the failure must not.
  'throw-bare-object': () => Object.create(null) as object,
};

const HANG_MS = 2_500;

// As DynamoDB answers a role that lost its access: an outage of the platform, not a fault of the message.
const accessDenied = () =>
  Object.assign(new Error('not authorized to perform: dynamodb:PutItem'), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

function parse(body: string): { id: string; act: Act } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new PermanentError('the body is not JSON');
  }
  const { id, act } = (parsed ?? {}) as { id?: unknown; act?: unknown };
  if (typeof id !== 'string' || id === '') throw new PermanentError('the body has no string field "id"');
  if (typeof act !== 'string' || !(act === 'succeed' || act === 'hang' || act === 'denied-once' || act in THROWN))
    throw new PermanentError('the body\'s field "act" is not one the service knows');
  return { id, act: act as Act };
}

interface Case {
  readonly name: string;
  readonly body: string;
  readonly expected: { readonly outcome: 'done' } | { readonly outcome: 'quarantined'; readonly reason: RegExp };
}

const exhausted = (last: string) => new RegExp(`^exhausted ${entry.limits.maxAttempts} attempts; last error ${last}`);
const huge = 'x'.repeat(200_000);

const cases: Case[] = [
  {
    name: 'not JSON',
    body: '{"id": "unterminated',
    expected: { outcome: 'quarantined', reason: /^PermanentError: the body is not JSON$/ },
  },
  { name: 'JSON, but a bare string', body: '"hello"', expected: { outcome: 'quarantined', reason: /no string field "id"/ } },
  { name: 'JSON null', body: 'null', expected: { outcome: 'quarantined', reason: /no string field "id"/ } },
  { name: 'an empty body', body: ' ', expected: { outcome: 'quarantined', reason: /not JSON/ } },
  {
    name: 'wrong schema: id is a number',
    body: '{"id": 7, "act": "succeed"}',
    expected: { outcome: 'quarantined', reason: /no string field "id"/ },
  },
  {
    name: 'wrong schema: unknown act',
    body: '{"id": "a", "act": "rm -rf"}',
    expected: { outcome: 'quarantined', reason: /"act" is not one/ },
  },
  {
    name: 'a prototype-polluting body',
    body: '{"id": "p", "act": "succeed", "__proto__": {"polluted": true}}',
    expected: { outcome: 'done' },
  },
  {
    name: 'deeply nested JSON',
    body: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    expected: { outcome: 'quarantined', reason: /no string field "id"/ },
  },
  { name: 'huge (200 KB) and valid', body: JSON.stringify({ id: 'huge-ok', act: 'succeed', pad: huge }), expected: { outcome: 'done' } },
  { name: 'huge (200 KB) and not JSON', body: `{${huge}`, expected: { outcome: 'quarantined', reason: /not JSON/ } },
  {
    name: 'a dependency that denies access on the first attempt (an outage): retried, not quarantined',
    body: JSON.stringify({ id: 'denied', act: 'denied-once' }),
    expected: { outcome: 'done' },
  },
  {
    name: 'a handler that hangs past its deadline, deaf to its signal',
    body: JSON.stringify({ id: 'hang', act: 'hang' }),
    expected: { outcome: 'quarantined', reason: exhausted('HandlerAbandoned: the handler ignored its deadline') },
  },
  ...(Object.keys(THROWN) as (keyof typeof THROWN)[]).map((act): Case => ({
    name: `a handler that throws a non-Error (${act.slice('throw-'.length)})`,
    body: JSON.stringify({ id: act, act }),
    expected: { outcome: 'quarantined', reason: exhausted('') },
  })),
];

let stack: SharedStack;
let running: RunningService;
let store: DynamoQuarantineStore;
const stop = new AbortController();
const done = new Set<string>();

beforeAll(async () => {
  stack = await useSharedStack('hostile-runtime-', { ...catalog, services: [entry] });
  running = await startService(
    defineService({
      entry,
      handle: async (message) => {
        const { id, act } = parse(message.body);
        if (act === 'hang') await new Promise((resolve) => setTimeout(resolve, HANG_MS));
        else if (act === 'denied-once') {
          if (message.attempt === 1) throw accessDenied();
        } else if (act !== 'succeed') throw THROWN[act]();
        done.add(id);
      },
    }),
    { env: { ...stack.environment(), LOG_LEVEL: 'silent' }, signal: stop.signal, drainMs: 1_000 },
  );
  store = new DynamoQuarantineStore({
    dynamodb: stack.clients.dynamodb,
    s3: stack.clients.s3,
    sqs: stack.clients.sqs,
    tableName: tableName(stack.config.prefix, 'runtime'),
    bucketName: bucketName(stack.config.prefix, 'quarantine'),
  });
});
afterAll(async () => {
  stop.abort();
  await running?.stopped;
  await stack?.stop();
});

async function send(body: string): Promise<string> {
  const { MessageId } = await stack.clients.sqs.send(
    new SendMessageCommand({ QueueUrl: stack.provisioned.queues.get(entry.name)!.queue.url, MessageBody: body }),
  );
  return MessageId!;
}

describe('the hostile catalogue of the runtime', () => {
  it('ends each hostile message as expected, and none holds up the good messages sent after them', async () => {
    const sent = new Map<string, Case>();
    for (const each of cases) sent.set(await send(each.body), each);
    const good = Array.from({ length: 20 }, (_, index) => `good-${index}`);
    for (const id of good) await send(JSON.stringify({ id, act: 'succeed' }));

    await waitUntil('the good messages done, behind the hostile ones', async () => good.every((id) => done.has(id)), 30_000, 100);
    const expectedQuarantined = [...sent].filter(([, each]) => each.expected.outcome === 'quarantined');
    let missing: string[] = [];
    await waitUntil(
      'every hostile message at its outcome',
      async () => {
        const records = await Promise.all(expectedQuarantined.map(([messageId]) => store.show(entry.name, messageId)));
        missing = expectedQuarantined.filter((_, index) => records[index] === undefined).map(([, each]) => each.name);
        return missing.length === 0;
      },
      60_000,
      500,
    ).catch((error: unknown) => {
      throw new Error(`not quarantined: ${missing.join('; ')}`, { cause: error });
    });

    const outcomes = await Promise.all(
      [...sent].map(async ([messageId, each]) => {
        const record = await store.show(entry.name, messageId);
        return {
          name: each.name,
          outcome: record ? 'quarantined' : 'done',
          reason: record?.reason,
          payloadKept: record?.payload === each.body,
        };
      }),
    );
    for (const [index, each] of [...sent.values()].entries()) {
      const seen = outcomes[index]!;
      expect(seen.outcome, `${each.name}: ${seen.reason}`).toBe(each.expected.outcome);
      if (each.expected.outcome === 'quarantined') {
        expect(seen.reason, each.name).toMatch(each.expected.reason);
        expect(seen.payloadKept, `${each.name}: its payload kept whole`).toBe(true);
      }
    }
    expect(['huge-ok', 'p', 'denied'].filter((id) => !done.has(id))).toEqual([]);
    expect(running.metrics.snapshot().counters.quarantined).toBe(expectedQuarantined.length);
  }, 120_000);
});
