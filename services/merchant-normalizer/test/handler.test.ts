import { catalog, tableName } from '@ndf/catalog';
import { noteKey, stageKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { changeOf, putItems, readItem, startServiceUnderTest, testNoteItem, testReceiptItem, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'merchant-normalizer-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let normalizer: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  normalizer = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await normalizer?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (...items: object[]) => putItems(stack.clients.dynamodb, table(), items);
const stageOf = (noteId: string) => readItem(stack.clients.dynamodb, table(), stageKey(scope, 'merchant-normalizer', { noteId }));

describe('merchant-normalizer', () => {
  it("records the merchant a receipt prints, normalised, when the user typed none; then the user's own once typed, over no field", async () => {
    const noteId = '0f000000-0000-4000-8000-000000000101';
    const receipt = testReceiptItem('acme', '0f000000-0000-4000-8000-0000000001aa', {
      noteId,
      extracted: { merchant: { value: 'SNCF VOYAGEURS', confidence: 0.8 } },
    });
    const note = testNoteItem('acme', noteId, { receiptIds: [receipt.receiptId] });
    await put(note, receipt);

    await normalizer.handle(changeOf(receipt));
    expect(await stageOf(noteId)).toMatchObject({
      type: 'STAGE',
      status: 'succeeded',
      noteVersion: 1,
      outcome: { source: 'receipt', given: 'SNCF VOYAGEURS', receiptId: receipt.receiptId, merchant: { name: 'SNCF', key: 'SNCF' } },
    });
    expect(await readItem(stack.clients.dynamodb, table(), noteKey(scope, noteId))).toEqual(note);

    const typed = { ...note, merchant: 'uber.com', version: 2 };
    await put(typed);
    await normalizer.handle(changeOf(typed, '2'));
    expect(await stageOf(noteId)).toMatchObject({
      noteVersion: 2,
      outcome: { source: 'note', given: 'uber.com', merchant: { name: 'Uber' } },
    });
    expect(await readItem(stack.clients.dynamodb, table(), noteKey(scope, noteId))).toEqual(typed);
  });

  it('a repeat changes nothing, and a reading of an older version never overwrites a newer stage', async () => {
    const noteId = '0f000000-0000-4000-8000-000000000102';
    const v2 = testNoteItem('acme', noteId, { merchant: 'Taxis G7', version: 2 });
    await put(v2);
    await normalizer.handle(changeOf(v2, '2'));
    await normalizer.handle(changeOf(v2, '2'));
    const first = await stageOf(noteId);
    expect(first).toMatchObject({ noteVersion: 2, outcome: { merchant: { name: 'G7' } } });

    // As a handler that read version 1 just before version 2 was written would see it.
    const v1 = testNoteItem('acme', noteId, { merchant: 'Hertz', version: 1 });
    await put(v1);
    await normalizer.handle(changeOf(v1, '1'));
    expect(await stageOf(noteId)).toMatchObject({ noteVersion: 2, outcome: { merchant: { name: 'G7' } } });
  });

  it('leaves a note no longer open as it is, and refuses one without a merchant with its reason', async () => {
    const approvedId = '0f000000-0000-4000-8000-000000000103';
    const approved = testNoteItem('acme', approvedId, { merchant: 'SNCF', status: 'approved', version: 4 });
    await put(approved);
    await normalizer.handle(changeOf(approved));
    expect(await stageOf(approvedId)).toBeUndefined();

    const emptyId = '0f000000-0000-4000-8000-000000000104';
    const empty = testNoteItem('acme', emptyId);
    await put(empty);
    await normalizer.handle(changeOf(empty));
    expect(await stageOf(emptyId)).toMatchObject({ status: 'refused', code: 'merchant_missing' });
  });
});
