import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { cardMatchKey, cardTransactionKey, stageKey, type CardMatcherOutcome, type CardTransactionItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { changeOf, startServiceUnderTest, testReceiptItem, type ServiceUnderTest } from '@ndf/testkit';
import { writeSettings } from '@ndf/tenant-settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { noteItem, TENANT, tenant, transactionItem } from './items.js';

const PREFIX = 'card-matcher-';
let stack: SharedStack;
let matcher: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [service.entry] });
  matcher = await startServiceUnderTest(service, stack);
  const cards = [
    { last4: '4242', holder: 'emma' },
    { last4: '0005', holder: 'paul' },
    { last4: '0006', holder: 'lena' },
    { last4: '0007', holder: 'theo' },
  ];
  await writeSettings(stack.clients.dynamodb, table(), tenant, 'CARDS', { cards, reminderAfterDays: 14 }, 0, AbortSignal.timeout(5_000));
});
afterAll(async () => {
  await matcher?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = async <T extends { pk: string; sk: string }>(item: T): Promise<T> => {
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
  return item;
};
const get = async (key: { pk: string; sk: string }) => {
  const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table(), Key: marshall(key), ConsistentRead: true }));
  return Item ? unmarshall(Item) : undefined;
};
const transaction = async (id: string) => (await get(cardTransactionKey(tenant, id))) as CardTransactionItem;
const stageOf = async (noteId: string) => get(stageKey(tenant, 'card-matcher', { noteId }));

/** The stream router's message for an item written. */
const changed = (item: { pk: string; sk: string; type: string }) => changeOf(item);

// Each run's notes and payments have ids of their own (the emulator's tables outlive a run).
const run = randomUUID().slice(0, 8);
const id = (n: number) => `${run}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ref = (name: string) => `${name}-${run}`;

describe('card-matcher', () => {
  it("matches a payment imported after its note, and records it on both: the note's stage says paid by card", async () => {
    const note = await put(noteItem({ noteId: id(1), owner: 'emma', date: '2026-03-03', amount: '110.00', merchant: 'Hotel Ibis Lyon' }));
    await put(testReceiptItem(TENANT, id(101), { noteId: note.noteId }));
    const payment = await put(
      transactionItem({
        id: ref('CB-1'),
        date: '2026-03-04',
        amount: '110.00',
        merchant: 'HOTEL IBIS LYON',
        cardLast4: '4242',
        holder: 'emma',
      }),
    );
    await matcher.handle(changed(payment));

    const stage = await stageOf(note.noteId);
    expect(stage).toMatchObject({ status: 'succeeded', noteVersion: 2 });
    const outcome = stage!.outcome as CardMatcherOutcome;
    expect(outcome).toMatchObject({
      paidByCard: true,
      transaction: { transactionId: ref('CB-1'), amount: { value: '110.00', currency: 'EUR' }, cardLast4: '4242' },
    });
    // 60 − 10 × 1 day apart + 30 for the same merchant (HOTEL IBIS LYON, as merchant-names keys both) = 80.
    expect(outcome.score).toBe(80);
    const matched = await transaction(ref('CB-1'));
    expect(matched).toMatchObject({ matchedNoteId: note.noteId, matchState: 'matched', noteHasReceipt: true });
    // Settled by a note with a receipt: out of the unsettled index, so never overdue.
    expect(matched.gsi1pk).toBeUndefined();
    expect(await get(cardMatchKey(tenant, note.noteId))).toMatchObject({ transactionId: ref('CB-1') });

    // A repeat of the message, and the note's own change, change nothing.
    await matcher.handle(changed(payment));
    await matcher.handle(changed(note));
    expect((await transaction(ref('CB-1'))).matchedAt).toBe(matched.matchedAt);
    expect(await get(cardMatchKey(tenant, note.noteId))).toMatchObject({ matchedAt: matched.matchedAt });
  });

  it('matches a note created after its payment, and settles the payment once the receipt is read', async () => {
    const payment = await put(
      transactionItem({ id: ref('CB-2'), date: '2026-03-10', amount: '23.50', merchant: 'TAXI G7', cardLast4: '0005', holder: 'paul' }),
    );
    await matcher.handle(changed(payment));
    expect((await transaction(ref('CB-2'))).matchedNoteId).toBeUndefined();

    const note = await put(noteItem({ noteId: id(2), owner: 'paul', date: '2026-03-10', amount: '23.50', merchant: 'G7' }));
    await matcher.handle(changed(note));
    const matched = await transaction(ref('CB-2'));
    // Matched, but its note has no receipt yet: still in the index, so it can still be overdue.
    expect(matched).toMatchObject({ matchedNoteId: note.noteId, noteHasReceipt: false, gsi1pk: payment.gsi1pk });
    expect(await stageOf(note.noteId)).toMatchObject({ status: 'succeeded', outcome: { paidByCard: true } });

    const receipt = await put(testReceiptItem(TENANT, id(102), { noteId: note.noteId }));
    await matcher.handle(changed(receipt));
    const settled = await transaction(ref('CB-2'));
    expect(settled).toMatchObject({ matchedNoteId: note.noteId, noteHasReceipt: true });
    expect(settled.gsi1pk).toBeUndefined();
  });

  it('of two notes of the same amount, gives the payment to the better one (same merchant), and leaves the other unmatched', async () => {
    const other = await put(noteItem({ noteId: id(3), owner: 'lena', date: '2026-03-12', amount: '42.00', merchant: 'Le Bistrot' }));
    const better = await put(noteItem({ noteId: id(4), owner: 'lena', date: '2026-03-13', amount: '42.00', merchant: 'SNCF' }));
    const payment = await put(
      transactionItem({
        id: ref('CB-3'),
        date: '2026-03-12',
        amount: '42.00',
        merchant: 'SNCF CONNECT',
        cardLast4: '0006',
        holder: 'lena',
      }),
    );
    await matcher.handle(changed(payment));
    // Same day: 60, against 1 day apart + the same merchant (SNCF): 60 − 10 + 30 = 80.
    expect((await transaction(ref('CB-3'))).matchedNoteId).toBe(better.noteId);
    await matcher.handle(changed(other));
    expect((await transaction(ref('CB-3'))).matchedNoteId).toBe(better.noteId);
    expect(await stageOf(other.noteId)).toBeUndefined();
  });

  it("matches a note to one payment only, however many of its amount, and never another employee's", async () => {
    const note = await put(noteItem({ noteId: id(5), owner: 'theo', date: '2026-03-20', amount: '12.00', merchant: 'Vinci' }));
    const first = await put(
      transactionItem({
        id: ref('CB-4'),
        date: '2026-03-20',
        amount: '12.00',
        merchant: 'VINCI AUTOROUTES',
        cardLast4: '0007',
        holder: 'theo',
      }),
    );
    const second = await put(
      transactionItem({
        id: ref('CB-5'),
        date: '2026-03-20',
        amount: '12.00',
        merchant: 'VINCI AUTOROUTES',
        cardLast4: '0007',
        holder: 'theo',
      }),
    );
    const emmas = await put(
      transactionItem({
        id: ref('CB-6'),
        date: '2026-03-20',
        amount: '12.00',
        merchant: 'VINCI AUTOROUTES',
        cardLast4: '4242',
        holder: 'emma',
      }),
    );
    await Promise.all([
      matcher.handle(changed(first)),
      matcher.handle(changed(second)),
      matcher.handle(changed(emmas)),
      matcher.handle(changed(note)),
    ]);
    const matched = [await transaction(ref('CB-4')), await transaction(ref('CB-5')), await transaction(ref('CB-6'))].filter(
      (t) => t.matchedNoteId !== undefined,
    );
    expect(matched.map((t) => [t.transactionId === ref('CB-6') ? 'emma' : 'theo', t.matchedNoteId])).toEqual([['theo', note.noteId]]);
    const claim = await get(cardMatchKey(tenant, note.noteId));
    expect(claim!.transactionId).toBe(matched[0]!.transactionId);
  });

  it('records nothing for a note a cent away from the payment', async () => {
    const note = await put(noteItem({ noteId: id(6), owner: 'emma', date: '2026-03-25', amount: '20.01' }));
    const payment = await put(
      transactionItem({ id: ref('CB-7'), date: '2026-03-25', amount: '20.00', merchant: 'SNCF', cardLast4: '4242', holder: 'emma' }),
    );
    await matcher.handle(changed(payment));
    await matcher.handle(changed(note));
    expect((await transaction(ref('CB-7'))).matchedNoteId).toBeUndefined();
    expect(await stageOf(note.noteId)).toBeUndefined();
  });
});
