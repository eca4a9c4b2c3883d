import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, noteKey, stageKey, tenantScope, type ChangeMessage } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { loadRates } from '@ndf/rates-store';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { septemberDays } from './rates.js';

const PREFIX = 'converter-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let converter: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  converter = await startServiceUnderTest(service, stack);
  // The rates as they stood on Friday 27 September 2024: Monday's are loaded by a test below.
  await loadRates(
    tables(),
    septemberDays().filter((day) => day.date <= '2024-09-27'),
    AbortSignal.timeout(10_000),
  );
});
afterAll(async () => {
  await converter?.stop();
  await stack?.stop();
});

const tables = () => ({
  dynamodb: stack.clients.dynamodb,
  referenceTable: tableName(PREFIX, 'reference'),
  notesTable: tableName(PREFIX, 'notes'),
});
const put = (item: object) =>
  stack.clients.dynamodb.send(
    new PutItemCommand({ TableName: tables().notesTable, Item: marshall(item, { removeUndefinedValues: true }) }),
  );
const read = async (key: { pk: string; sk: string }) => {
  const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: tables().notesTable, Key: marshall(key) }));
  return Item ? unmarshall(Item) : undefined;
};
const stageOf = (noteId: string) => read(stageKey(scope, 'currency-converter', { noteId }));

function noteItem(noteId: string, fields: { value: string; currency: string; date: string; version?: number; status?: string }) {
  return {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant: 'acme',
    noteId,
    owner: 'alice',
    status: fields.status ?? 'submitted',
    version: fields.version ?? 1,
    date: fields.date,
    amount: { value: fields.value, currency: fields.currency },
    receiptIds: [],
    requestHash: 'h',
    createdAt: 't',
    updatedAt: 't',
  };
}
type Item = Readonly<Record<string, unknown>> & { readonly pk: string; readonly sk: string; readonly type: string };
const changeOf = (item: Item): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: 'e',
  eventName: 'MODIFY',
  itemType: item.type,
  keys: { pk: item.pk, sk: item.sk },
  sequenceNumber: '1',
  newImage: item,
});

describe('currency-converter', () => {
  it("records a USD note's amount in EUR as the note's stage; a repeat and an older version change nothing", async () => {
    const noteId = '0c000000-0000-4000-8000-000000000001';
    const note = noteItem(noteId, { value: '84.50', currency: 'USD', date: '2024-09-26', version: 2 });
    await put(note);
    await converter.handle(changeOf(note));
    const stage = await stageOf(noteId);
    // 84.50 USD / 1.1155 = 75.75078… → 75.75 EUR.
    expect(stage).toMatchObject({
      type: 'STAGE',
      service: 'currency-converter',
      status: 'succeeded',
      noteVersion: 2,
      outcome: { kind: 'converted', converted: { value: '75.75', currency: 'EUR' }, rate: '1.1155', rateDate: '2024-09-26' },
    });
    expect(stage).not.toHaveProperty('gsi1pk');

    await converter.handle(changeOf(note));
    expect((await stageOf(noteId))?.outcome).toEqual(stage?.outcome);
    // A change of version 1 arriving late: the stage of version 2 stays.
    await put({ ...note, version: 1, amount: { value: '10.00', currency: 'USD' } });
    await converter.handle(changeOf({ ...note, version: 1 }));
    await put(note);
    expect(await stageOf(noteId)).toMatchObject({ noteVersion: 2, outcome: { converted: { value: '75.75' } } });
  });

  it('records a note in EUR as succeeded with nothing converted, and refuses a currency without a reference rate', async () => {
    const euros = noteItem('0c000000-0000-4000-8000-000000000002', { value: '42.50', currency: 'EUR', date: '2024-09-28' });
    const pesos = noteItem('0c000000-0000-4000-8000-000000000003', { value: '5000.00', currency: 'ARS', date: '2024-09-26' });
    await Promise.all([put(euros), put(pesos)]);
    await converter.handle(changeOf(euros));
    await converter.handle(changeOf(pesos));
    expect(await stageOf(euros.noteId)).toMatchObject({
      status: 'succeeded',
      outcome: { kind: 'same_currency', amount: { value: '42.50', currency: 'EUR' } },
    });
    expect(await stageOf(pesos.noteId)).toMatchObject({ status: 'refused', code: 'currency_not_published' });
  });

  it("converts a Monday note with Friday's rate until Monday's rates are loaded, then again with Monday's", async () => {
    const noteId = '0c000000-0000-4000-8000-000000000004';
    const note = noteItem(noteId, { value: '120.00', currency: 'USD', date: '2024-09-30' });
    await put(note);
    await converter.handle(changeOf(note));
    // 120.00 USD / 1.1158 (Friday's rate) = 107.54615… → 107.55 EUR, provisional.
    const provisional = await stageOf(noteId);
    expect(provisional).toMatchObject({
      outcome: { converted: { value: '107.55' }, rateDate: '2024-09-27', fallback: { daysBack: 3, provisional: true } },
      gsi1pk: 'RATES-AWAITED',
      gsi1sk: `2024-09-30#acme#${noteId}`,
    });

    // Monday's rates arrive: the load marks the awaiting stage, which the stream hands back to the converter.
    const loaded = await loadRates(tables(), septemberDays(), AbortSignal.timeout(10_000));
    expect(loaded).toMatchObject({ written: ['2024-09-30'], unchanged: ['2024-09-26', '2024-09-27'] });
    expect(loaded.recomputeRequested).toBeGreaterThanOrEqual(1);
    const marked = await stageOf(noteId);
    expect(marked).toMatchObject({ recompute: 'rates-loaded' });
    await converter.handle(changeOf(marked as Item));
    // 120.00 USD / 1.1196 (Monday's rate) = 107.18113… → 107.18 EUR, final.
    const final = await stageOf(noteId);
    expect(final).toMatchObject({ outcome: { converted: { value: '107.18' }, rate: '1.1196', rateDate: '2024-09-30' } });
    expect(final?.outcome).not.toHaveProperty('fallback');
    expect(final).not.toHaveProperty('gsi1pk');
    expect(final).not.toHaveProperty('recompute');
    // Loading the same rates again finds nothing awaiting them.
    expect(await loadRates(tables(), septemberDays(), AbortSignal.timeout(10_000))).toMatchObject({ written: [], recomputeRequested: 0 });
  });

  it('leaves the stage of a note approved since as it was, out of the awaiting index', async () => {
    const noteId = '0c000000-0000-4000-8000-000000000005';
    const note = noteItem(noteId, { value: '30.00', currency: 'GBP', date: '2024-10-02' });
    await put(note);
    await converter.handle(changeOf(note));
    expect(await stageOf(noteId)).toMatchObject({ gsi1pk: 'RATES-AWAITED', outcome: { fallback: { provisional: true } } });
    const before = await stageOf(noteId);
    await put({ ...note, status: 'approved', version: 2 });
    await converter.handle(changeOf({ ...(before as Item), recompute: 'rates-loaded' }));
    const after = await stageOf(noteId);
    expect(after?.outcome).toEqual(before?.outcome);
    expect(after).not.toHaveProperty('gsi1pk');
  });

  it('quarantines a change that names no note', async () => {
    await expect(converter.handle(changeOf({ pk: 'x', sk: 'y', type: 'NOTE' }))).rejects.toThrow('carries no tenant or note id');
  });
});
