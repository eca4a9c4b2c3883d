import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import {
  CARD_TENANTS_PARTITION,
  cardTenantKey,
  cardTransactionItem,
  cardTransactionKey,
  ITEM_TYPES,
  tenantScope,
  type StatementTransaction,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { SettingsCache, writeSettings } from '@ndf/tenant-settings';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle, type ReminderDependencies } from '../src/handler.js';
import { service } from '../src/service.js';

const PREFIX = 'card-reminder-';
// The emulator's tables outlive a run: each run is a tenant of its own.
const TENANT = `remind-${randomUUID().slice(0, 8)}`;
const scope = tenantScope({ tenant: TENANT, user: 'fanny', roles: ['accountant'] });
let stack: SharedStack;
let running: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [service.entry] });
  running = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const db = () => stack.clients.dynamodb;
const put = (item: object) => db().send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
const reminded = async (id: string) => {
  const { Item } = await db().send(
    new GetItemCommand({ TableName: table(), Key: marshall(cardTransactionKey(scope, id)), ConsistentRead: true }),
  );
  return Item ? (unmarshall(Item).remindedAt as string | undefined) : 'missing';
};

async function payment(id: string, date: string, fields: Partial<StatementTransaction> = {}, holder?: string) {
  const line: StatementTransaction = {
    id,
    date,
    direction: 'debit',
    amount: { value: '30.00', currency: 'EUR' },
    merchant: 'TAXI',
    ...fields,
  };
  await put(cardTransactionItem(scope, line, { format: 'csv', importedAt: '2026-04-01T06:00:00.000Z', importedBy: 'fanny', holder }));
}

/** One tick at `now`, the handler's log lines kept. */
async function tick(now: string) {
  const lines: Record<string, unknown>[] = [];
  const log = {
    info: (line: Record<string, unknown>) => void lines.push(line),
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
  };
  const dependencies: ReminderDependencies = {
    dynamodb: db(),
    notesTable: table(),
    settings: new SettingsCache(db(), table()),
    now: () => new Date(now),
  };
  const context = {
    call: (_dependency: 'dynamodb', work: (signal: AbortSignal) => Promise<unknown>) => work(AbortSignal.timeout(10_000)),
    log,
  };
  await handle({ body: JSON.stringify({ kind: 'tick' }) } as never, context as never, dependencies);
  return lines.filter((line) => line.tenant === TENANT);
}

describe('card-reminder', () => {
  it("reminds each holder once of a payment still without a note with a receipt past the tenant's delay", async () => {
    await writeSettings(
      db(),
      table(),
      scope,
      'CARDS',
      { cards: [{ last4: '4242', holder: 'emma' }], reminderAfterDays: 10 },
      0,
      AbortSignal.timeout(5_000),
    );
    await put({ ...cardTenantKey(scope), type: ITEM_TYPES.cardTenant, tenant: TENANT, gsi1pk: CARD_TENANTS_PARTITION, gsi1sk: TENANT });
    await payment('old', '2026-03-01', { cardLast4: '4242' }, 'emma');
    // Its card was given its holder after the import: the settings of now name them.
    await payment('assigned-since', '2026-03-02', { cardLast4: '4242' });
    await payment('unknown-card', '2026-03-03', { cardLast4: '9999' });
    await payment('recent', '2026-03-12', { cardLast4: '4242' }, 'emma');
    await payment('refund', '2026-03-01', { direction: 'credit', cardLast4: '4242' }, 'emma');
    await payment('settled', '2026-03-01', { cardLast4: '4242' }, 'emma');
    // What the card matcher does once the payment's note has a receipt: out of the unsettled index.
    await db().send(
      new UpdateItemCommand({
        TableName: table(),
        Key: marshall(cardTransactionKey(scope, 'settled')),
        UpdateExpression: 'SET matchedNoteId = :note, noteHasReceipt = :yes REMOVE gsi1pk, gsi1sk',
        ExpressionAttributeValues: marshall({ ':note': randomUUID(), ':yes': true }),
      }),
    );

    // 2026-03-21 − 10 days = 2026-03-11: the first three are overdue, the one of the 12th not yet.
    const first = await tick('2026-03-21T07:00:00.000Z');
    expect(first.map((line) => [line.event, line.transactionId, line.holder, line.days])).toEqual([
      ['card-payment-reminder', 'old', 'emma', 20],
      ['card-payment-reminder', 'assigned-since', 'emma', 19],
      ['card-payment-overdue-without-holder', 'unknown-card', undefined, 18],
    ]);
    expect(await reminded('old')).toBe('2026-03-21T07:00:00.000Z');
    expect(await reminded('recent')).toBeUndefined();
    expect(await reminded('settled')).toBeUndefined();
    expect(await reminded('refund')).toBeUndefined();

    // The next tick, the same day: nothing again. A day later the payment of the 12th is due.
    expect(await tick('2026-03-21T08:00:00.000Z')).toEqual([]);
    expect((await tick('2026-03-22T07:00:00.000Z')).map((line) => line.transactionId)).toEqual(['recent']);
    expect(await reminded('old')).toBe('2026-03-21T07:00:00.000Z');
  });

  it('takes its tick through its queue, and quarantines what is not a tick', async () => {
    expect(await running.deliver({ kind: 'tick' })).toEqual({ outcome: 'succeeded', sent: [] });
    expect(await running.deliver({ example: true })).toMatchObject({
      outcome: 'quarantined',
      reason: expect.stringContaining('not a tick'),
    });
  });
});
