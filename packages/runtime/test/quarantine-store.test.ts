import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { bucketName, tableName } from '@ndf/catalog';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../src/errors.js';
import {
  AuditEntryExistsError,
  DynamoQuarantineStore,
  OperatorRequiredError,
  QuarantineAudit,
  QuarantineNotFoundError,
  QuarantineStateError,
  searchQuarantine,
  type DynamoQuarantineStoreOptions,
  type Operator,
  type QuarantineEntry,
} from '../src/quarantine/index.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'qstore-';
const ops: Operator = { id: 'ops@ndf', role: 'operator' };
let stack: SharedStack;

beforeAll(async () => {
  stack = await startTestStack(PREFIX);
});
afterAll(async () => {
  await stack?.stop();
});

function store(options: Partial<DynamoQuarantineStoreOptions> = {}): DynamoQuarantineStore {
  const { dynamodb, s3, sqs } = stack.clients;
  return new DynamoQuarantineStore({
    dynamodb,
    s3,
    sqs,
    tableName: tableName(PREFIX, 'runtime'),
    bucketName: bucketName(PREFIX, 'quarantine'),
    ...options,
  });
}

function entry(service: string, originalId: string, overrides: Partial<QuarantineEntry> = {}): QuarantineEntry {
  return {
    service,
    source: { kind: 'sqs', queueName: `${PREFIX}${service}` },
    payload: JSON.stringify({ note: originalId }),
    attributes: { tenant: 't-1' },
    reason: 'exhausted 3 attempts',
    failures: [{ attempt: 1, at: '2026-01-01T00:00:00.000Z', durationMs: 12, errorName: 'PermanentError', message: 'bad input' }],
    firstReceivedAt: '2026-01-01T00:00:00.000Z',
    lastReceivedAt: '2026-01-01T00:00:05.000Z',
    originalId,
    ...overrides,
  };
}

/** A clock that moves one second on each reading, from `start`. */
function steppingClock(start: string): () => Date {
  let next = Date.parse(start);
  return () => new Date((next += 1_000));
}

async function queue(name: string): Promise<string> {
  return (await stack.clients.sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

async function receiveAll(queueUrl: string): Promise<Message[]> {
  const { Messages } = await stack.clients.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return Messages ?? [];
}

describe('DynamoQuarantineStore', () => {
  it('keeps one record per message, however often and however concurrently it is quarantined', async () => {
    const quarantine = store();
    await quarantine.quarantine(entry('twice', 'm-1'));
    await quarantine.quarantine(entry('twice', 'm-1', { reason: 'again' }));
    await Promise.all(Array.from({ length: 8 }, () => quarantine.quarantine(entry('twice', 'm-2'))));

    const { items } = await quarantine.list({ service: 'twice' });
    expect(items.map((item) => item.id).sort()).toEqual(['m-1', 'm-2']);
    expect((await quarantine.show('twice', 'm-1'))?.reason).toBe('exhausted 3 attempts');
  });

  it('keeps a large payload in S3 and shows and replays it whole', async () => {
    const quarantine = store();
    const payload = JSON.stringify({ lines: 'x'.repeat(150 * 1024) });
    const url = await queue(`${PREFIX}large`);
    await quarantine.quarantine(entry('large', 'big/1', { payload }));
    await quarantine.quarantine(entry('large', 'small-1'));

    await expect(
      stack.clients.s3.send(new HeadObjectCommand({ Bucket: bucketName(PREFIX, 'quarantine'), Key: 'quarantine/large/big%2F1' })),
    ).resolves.toBeTruthy();
    const shown = await quarantine.show('large', 'big/1');
    expect(shown?.payload).toBe(payload);
    expect(shown?.payloadBytes).toBe(Buffer.byteLength(payload));
    expect((await quarantine.show('large', 'small-1'))?.payload).toBe(JSON.stringify({ note: 'small-1' }));

    await quarantine.replay('large', 'big/1', { operator: ops });
    const [message] = await receiveAll(url);
    expect(message?.Body).toBe(payload);
  });

  it('lists by service and across services, newest first, page by page', async () => {
    const quarantine = store({ clock: steppingClock('2031-01-01T00:00:00.000Z') });
    for (const [service, id] of [
      ['list-a', 'a1'],
      ['list-b', 'b1'],
      ['list-a', 'a2'],
      ['list-b', 'b2'],
      ['list-a', 'a3'],
    ] as const) {
      await quarantine.quarantine(entry(service, id));
    }
    const since = new Date('2031-01-01T00:00:00.000Z');
    const everyPage = async (service?: string) => {
      const ids: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await quarantine.list({ service, since, limit: 2, cursor });
        ids.push(page.items.map((item) => item.id));
        cursor = page.cursor;
      } while (cursor);
      return ids;
    };

    expect((await everyPage('list-a')).flat()).toEqual(['a3', 'a2', 'a1']);
    expect((await everyPage('list-a'))[0]).toEqual(['a3', 'a2']);
    expect((await everyPage()).flat()).toEqual(['a3', 'b2', 'a2', 'b1', 'a1']);
    const lastThree = await quarantine.list({ since: new Date('2031-01-01T00:00:03.000Z') });
    expect(lastThree.items.map((item) => `${item.service}/${item.id}`)).toEqual(['list-a/a3', 'list-b/b2', 'list-a/a2']);
    expect(lastThree.items[0]).toMatchObject({
      status: 'quarantined',
      reason: 'exhausted 3 attempts',
      failures: [{ attempt: 1, errorName: 'PermanentError' }],
      source: { kind: 'sqs', queueName: `${PREFIX}list-a` },
    });
    expect(lastThree.items[0]).not.toHaveProperty('payload');

    const { cursor } = await quarantine.list({ service: 'list-a', since, limit: 1 });
    await expect(quarantine.list({ service: 'list-b', cursor })).rejects.toThrow(/another listing/);
  });

  it('keeps the tenant its payload names, and searches by service, tenant, error and status', async () => {
    const quarantine = store({ clock: steppingClock('2032-01-01T00:00:00.000Z') });
    const failure = (errorName: string) => [{ attempt: 1, at: '2032-01-01T00:00:00.000Z', durationMs: 5, errorName, message: 'no' }];
    await quarantine.quarantine(
      entry('search-a', 's1', { payload: JSON.stringify({ tenant: 'acme' }), failures: failure('TimeoutError') }),
    );
    await quarantine.quarantine(entry('search-a', 's2', { payload: JSON.stringify({ tenant: 'globex' }) }));
    await quarantine.quarantine(entry('search-b', 's3', { payload: JSON.stringify({ tenant: 'acme' }) }));
    await quarantine.quarantine(entry('search-a', 's4', { payload: JSON.stringify({ tenant: 'acme' }) }));
    await quarantine.discard('search-a', 's4', { operator: ops, reason: 'test data' });

    const ids = async (search: Parameters<typeof searchQuarantine>[1]) =>
      (await searchQuarantine(quarantine, search)).map((item) => item.id);
    expect((await quarantine.show('search-a', 's1'))?.tenant).toBe('acme');
    expect(await ids({ service: 'search-a', limit: 10 })).toEqual(['s4', 's2', 's1']);
    expect(await ids({ service: 'search-a', tenant: 'acme', limit: 10 })).toEqual(['s4', 's1']);
    expect(await ids({ service: 'search-a', tenant: 'acme', status: 'quarantined', limit: 10 })).toEqual(['s1']);
    expect(await ids({ tenant: 'acme', errorName: 'PermanentError', limit: 10 })).toEqual(expect.arrayContaining(['s3', 's4']));
    expect(await ids({ service: 'search-a', errorName: 'TimeoutError', limit: 10 })).toEqual(['s1']);
    expect(await ids({ service: 'search-a', tenant: 'acme', limit: 1 })).toEqual(['s4']);
  });

  it('replays once onto the source queue as a new message with its attributes', async () => {
    const quarantine = store();
    const url = await queue(`${PREFIX}replay`);
    await quarantine.quarantine(entry('replay', 'r-1', { attributes: { tenant: 't-9', kind: 'receipt' } }));

    const first = await quarantine.replay('replay', 'r-1', { operator: ops, reason: 'bug fixed' });
    expect(first).toMatchObject({ sent: true, queueName: `${PREFIX}replay` });
    const received = await receiveAll(url);
    expect(received).toHaveLength(1);
    expect(received[0]?.Body).toBe(JSON.stringify({ note: 'r-1' }));
    expect(received[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    const attributes = Object.fromEntries(
      Object.entries(received[0]?.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]),
    );
    expect(attributes).toEqual({ tenant: 't-9', kind: 'receipt', 'ndf-replay-of': 'r-1' });

    expect(await quarantine.replay('replay', 'r-1', { operator: { id: 'someone-else', role: 'operator' } })).toEqual({
      ...first,
      sent: false,
    });
    expect(await receiveAll(url)).toEqual([]);
    const shown = await quarantine.show('replay', 'r-1');
    expect(shown?.status).toBe('replayed');
    expect(shown?.audit).toEqual([
      {
        action: 'replay',
        actor: 'ops@ndf',
        at: expect.any(String),
        reason: 'bug fixed',
        queueName: `${PREFIX}replay`,
        messageId: first.messageId,
      },
    ]);
  });

  it('sends one message when replays race', async () => {
    const quarantine = store();
    const url = await queue(`${PREFIX}race`);
    await quarantine.quarantine(entry('race', 'r-2'));

    const results = await Promise.allSettled(Array.from({ length: 6 }, () => quarantine.replay('race', 'r-2', { operator: ops })));
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(TransientError);
    expect(results.filter((result) => result.status === 'fulfilled' && result.value.sent)).toHaveLength(1);
    expect(await receiveAll(url)).toHaveLength(1);
    expect((await quarantine.show('race', 'r-2'))?.audit).toHaveLength(1);
  });

  it('answers the replay that marked the record replayed even when a racing replay wrote its audit entry first', async () => {
    const { dynamodb } = stack.clients;
    let racer: Promise<unknown> | undefined;
    // The real table, with a second replay slipped in just after the first marks the record replayed (before its audit write).
    const slipping = Object.create(dynamodb) as typeof dynamodb;
    slipping.send = (async (command: { input?: { UpdateExpression?: string } }, ...rest: unknown[]) => {
      const answer = await (dynamodb.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      if (racer === undefined && command.input?.UpdateExpression?.includes(':replayed')) {
        racer = store().replay('slip', 's-1', { operator: ops });
        await racer;
      }
      return answer;
    }) as typeof dynamodb.send;
    const quarantine = store({ dynamodb: slipping });
    const url = await queue(`${PREFIX}slip`);
    await quarantine.quarantine(entry('slip', 's-1'));

    expect(await quarantine.replay('slip', 's-1', { operator: ops })).toMatchObject({ sent: true });
    expect(await racer).toMatchObject({ sent: false });
    expect(await receiveAll(url)).toHaveLength(1);
    expect((await quarantine.show('slip', 's-1'))?.audit).toHaveLength(1);
  });

  it('replays a stream record onto the queue it is told', async () => {
    const quarantine = store();
    const url = await queue(`${PREFIX}from-stream`);
    const source = { kind: 'stream', table: 'notes', shardId: 'shard-1', sequenceNumber: '42' } as const;
    await quarantine.quarantine(entry('streamed', 'event-1', { source }));

    await expect(quarantine.replay('streamed', 'event-1', { operator: ops })).rejects.toBeInstanceOf(QuarantineStateError);
    expect(await quarantine.replay('streamed', 'event-1', { operator: ops, queueName: `${PREFIX}from-stream` })).toMatchObject({
      sent: true,
    });
    expect((await receiveAll(url))[0]?.Body).toBe(JSON.stringify({ note: 'event-1' }));
  });

  it('discards with a reason, once, audited, and then refuses to replay', async () => {
    const quarantine = store();
    await quarantine.quarantine(entry('discard', 'd-1'));

    await expect(quarantine.discard('discard', 'd-1', { operator: ops, reason: ' ' })).rejects.toThrow(/reason/);
    await quarantine.discard('discard', 'd-1', { operator: ops, reason: 'duplicate of note 12' });
    await quarantine.discard('discard', 'd-1', { operator: ops, reason: 'again' });

    const shown = await quarantine.show('discard', 'd-1');
    expect(shown?.status).toBe('discarded');
    expect(shown?.audit).toEqual([{ action: 'discard', actor: 'ops@ndf', at: expect.any(String), reason: 'duplicate of note 12' }]);
    await expect(quarantine.replay('discard', 'd-1', { operator: ops })).rejects.toBeInstanceOf(QuarantineStateError);
  });

  it('refuses replay and discard to anyone but an operator, and audits nothing then', async () => {
    const quarantine = store();
    await queue(`${PREFIX}guarded`);
    await quarantine.quarantine(entry('guarded', 'g-1'));
    const notOperators = [
      undefined,
      { id: 'svc-receipt-parser', role: 'service' },
      { id: '', role: 'operator' },
      { id: 'ops@ndf', role: 'admin' },
    ] as unknown as Operator[];
    for (const operator of notOperators) {
      await expect(quarantine.replay('guarded', 'g-1', { operator })).rejects.toBeInstanceOf(OperatorRequiredError);
      await expect(quarantine.discard('guarded', 'g-1', { operator, reason: 'noise' })).rejects.toBeInstanceOf(OperatorRequiredError);
    }
    const shown = await quarantine.show('guarded', 'g-1');
    expect(shown?.status).toBe('quarantined');
    expect(shown?.audit).toEqual([]);
  });

  it("writes each action to the append-only audit, outside the services' partitions, and refuses a second write to an audit key", async () => {
    const quarantine = store();
    await queue(`${PREFIX}audited`);
    await quarantine.quarantine(entry('audited', 'a-1'));
    const { messageId } = await quarantine.replay('audited', 'a-1', { operator: ops, reason: 'parser fixed' });

    const audit = new QuarantineAudit(stack.clients.dynamodb, tableName(PREFIX, 'runtime'));
    const written = await audit.read('audited', 'a-1');
    expect(written).toEqual([
      { action: 'replay', actor: 'ops@ndf', at: expect.any(String), reason: 'parser fixed', queueName: `${PREFIX}audited`, messageId },
    ]);
    const { Items = [] } = await stack.clients.dynamodb.send(
      new QueryCommand({
        TableName: tableName(PREFIX, 'runtime'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'QUARANTINE-AUDIT#audited#a-1' } },
      }),
    );
    expect(Items).toHaveLength(1);

    const rewrite = { ...written[0]!, actor: 'someone-else', reason: 'it never happened' };
    await expect(audit.append('audited', 'a-1', rewrite)).rejects.toBeInstanceOf(AuditEntryExistsError);
    expect(await audit.read('audited', 'a-1')).toEqual(written);
    expect((await quarantine.show('audited', 'a-1'))?.audit).toEqual(written);
  });

  it('knows what it does not hold', async () => {
    const quarantine = store();
    expect(await quarantine.show('nobody', 'x')).toBeUndefined();
    await expect(quarantine.replay('nobody', 'x', { operator: ops })).rejects.toBeInstanceOf(QuarantineNotFoundError);
    await expect(quarantine.discard('nobody', 'x', { operator: ops, reason: 'gone' })).rejects.toBeInstanceOf(QuarantineNotFoundError);
  });
});
