import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog, serviceEntry, tableName } from '@ndf/catalog';
import { OPEN_STATUSES, stageKey, tenantScope, type ChangeMessage, type NoteItem, type ReceiptItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readItem, startServiceUnderTest, testNoteItem, testReceiptItem, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'vat-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const eur = (value: string) => ({ value, currency: 'EUR' });
let stack: SharedStack;
let calculator: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [service.entry] });
  calculator = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await calculator?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (item: NoteItem | ReceiptItem) =>
  stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
const stageOf = (noteId: string) => readItem(stack.clients.dynamodb, table(), stageKey(scope, 'vat-calculator', { noteId }));
const changeOf = (item: NoteItem | ReceiptItem): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: `e-${item.sk}`,
  eventName: 'MODIFY',
  itemType: item.type,
  keys: { pk: item.pk, sk: item.sk },
  sequenceNumber: '1',
  newImage: item as unknown as Record<string, unknown>,
});
/** Puts the item and delivers its change through the service's queue: it must be handled, never quarantined. */
async function changed(item: NoteItem | ReceiptItem): Promise<void> {
  await put(item);
  expect(await calculator.deliver(changeOf(item))).toEqual({ outcome: 'succeeded', sent: [] });
}
const withoutTime = (stage: Record<string, unknown> | undefined) => ({ ...stage, updatedAt: undefined });

describe('vat-calculator', () => {
  it("records a note's VAT from all its receipts (asked for with it or before it) once the last one is read", async () => {
    const noteId = '0f000000-0000-4000-8000-000000000101';
    const loose = testReceiptItem('acme', 'r-loose-101', { status: 'reading', attachedTo: noteId });
    const note = testNoteItem('acme', noteId, {
      category: 'restaurant',
      companyMention: 'printed',
      amount: eur('50.00'),
      receiptIds: ['r-with-101', loose.receiptId],
    });
    // 30.00 TTC, VAT 2.73 at 10 %: HT 27.27 (27.27 × 10 % = 2.727 → 2.73)
    await put(testReceiptItem('acme', 'r-with-101', { noteId, extracted: { totalInclVat: '30.00', 'vat:10': '2.73' } }));
    await put(loose);
    await changed(note);
    expect(await stageOf(noteId)).toMatchObject({
      type: 'STAGE',
      service: 'vat-calculator',
      noteVersion: 1,
      status: 'pending',
      outcome: { waitingFor: [loose.receiptId] },
    });

    // 20.00 TTC, VAT 1.82 at 10 %: HT 18.18 (18.18 × 10 % = 1.818 → 1.82); together 50.00, VAT 4.55, HT 45.45, all recovered
    await changed({
      ...loose,
      status: 'processed',
      extracted: { totalInclVat: { value: '20.00', confidence: 0.9 }, 'vat:10': { value: '1.82', confidence: 0.9 } },
    });
    expect(await stageOf(noteId)).toMatchObject({
      status: 'succeeded',
      noteVersion: 1,
      outcome: {
        source: 'receipts',
        receiptIds: ['r-loose-101', 'r-with-101'],
        totalInclVat: eur('50.00'),
        totalExclVat: eur('45.45'),
        vat: eur('4.55'),
        lines: [{ rate: '10', base: eur('45.45'), vat: eur('4.55'), recoverable: eur('4.55'), nonRecoverable: eur('0.00') }],
        recoverable: eur('4.55'),
        nonRecoverable: eur('0.00'),
        rule: { code: 'meal_company_printed', percent: 100 },
      },
    });
  });

  it('changes nothing on a repeated change, nor on an older version of the note arriving late', async () => {
    const noteId = '0f000000-0000-4000-8000-000000000102';
    // version 2: fuel, 80.00 TTC with 13.33 VAT at 20 % (HT 66.67), diesel passenger car: 13.33 × 80 % = 10.664 → 10.66
    const current = testNoteItem('acme', noteId, {
      version: 2,
      category: 'fuel',
      fuel: { vehicle: 'passenger_car', energy: 'diesel' },
      amount: eur('80.00'),
      vatLines: [{ rate: '20', amount: '13.33' }],
    });
    await changed(current);
    const computed = await stageOf(noteId);
    expect(computed).toMatchObject({
      status: 'succeeded',
      noteVersion: 2,
      outcome: { recoverable: eur('10.66'), nonRecoverable: eur('2.67') },
    });

    await changed(current);
    const repeated = await stageOf(noteId);
    expect(withoutTime(repeated)).toEqual(withoutTime(computed));

    // Version 1 (a utility vehicle, 100 %) as a handler that read it before version 2 was written would see it.
    await changed({ ...current, version: 1, fuel: { vehicle: 'utility_vehicle', energy: 'diesel' } });
    expect(await stageOf(noteId)).toEqual(repeated);
  });

  it('records a note of an unknown category as a refused stage, with the accepted ones, not as a quarantined message', async () => {
    const noteId = '0f000000-0000-4000-8000-000000000103';
    await changed(testNoteItem('acme', noteId, { category: 'parking' }));
    expect(await stageOf(noteId)).toMatchObject({
      status: 'refused',
      code: 'unknown_category',
      reason: expect.stringContaining('choose one of hotel, hotel_meal, restaurant'),
    });
  });

  it('leaves a note no longer open as it was approved', async () => {
    const noteId = '0f000000-0000-4000-8000-000000000104';
    await changed(testNoteItem('acme', noteId, { status: 'approved', category: 'tolls', amount: eur('5.00') }));
    expect(await stageOf(noteId)).toBeUndefined();
  });

  it('follows notes in the open statuses of the contracts', () => {
    const source = serviceEntry('vat-calculator').consumes;
    expect(source.kind === 'stream' && source.whereByType?.NOTE?.status).toEqual(OPEN_STATUSES);
  });
});
