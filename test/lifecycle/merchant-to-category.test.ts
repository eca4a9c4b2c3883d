import { service as categorizerService } from '@ndf/categorizer';
import { catalog, tableName } from '@ndf/catalog';
import { categoryHistoryKey, stageKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { service as normalizerService } from '@ndf/merchant-normalizer';
import { changeOf, putItems, readItem, startServiceUnderTest, testNoteItem, testReceiptItem, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The merchant-normalizer and the categorizer one after the other, each fed the change the stream
// router would bring it (see check-subscriptions.test.ts for which).
const PREFIX = 'merchant-category-';
const tenant = 'chain-co';
const scope = tenantScope({ tenant, user: 'test', roles: [] });
let stack: SharedStack;
let normalizer: ServiceUnderTest;
let categorizer: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  normalizer = await startServiceUnderTest(normalizerService, stack);
  categorizer = await startServiceUnderTest(categorizerService, stack);
});
afterAll(async () => {
  await categorizer?.stop();
  await normalizer?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const read = (key: { pk: string; sk: string }) => readItem(stack.clients.dynamodb, table(), key);

describe('from a merchant a receipt prints to a category', () => {
  it("proposes the brand's category for the merchant normalised, then flags the employee's other choice and counts it", async () => {
    const noteId = '0f000000-0000-4000-8000-000000000021';
    const receipt = testReceiptItem(tenant, '0f000000-0000-4000-8000-0000000002aa', {
      noteId,
      extracted: { merchant: { value: 'SNCF VOYAGEURS', confidence: 0.9 } },
    });
    const note = testNoteItem(tenant, noteId, { receiptIds: [receipt.receiptId] });
    await putItems(stack.clients.dynamodb, table(), [note, receipt]);
    const normalized = async () =>
      (await read(stageKey(scope, 'merchant-normalizer', { noteId }))) as { pk: string; sk: string; type: string };
    const categorized = () => read(stageKey(scope, 'categorizer', { noteId }));

    await normalizer.handle(changeOf(receipt));
    await categorizer.handle(changeOf(await normalized()));
    expect(await normalized()).toMatchObject({ outcome: { source: 'receipt', merchant: { name: 'SNCF' } } });
    expect(await categorized()).toMatchObject({
      status: 'succeeded',
      outcome: { proposal: { category: 'train', confidence: 90, reason: 'known_brand' }, merchant: { name: 'SNCF' }, lowConfidence: false },
    });

    const taxi = { ...note, category: 'taxi', version: 2 };
    await putItems(stack.clients.dynamodb, table(), [taxi]);
    // The note's change may reach the categorizer first: it waits for the merchant of version 2.
    await categorizer.handle(changeOf(taxi, '2'));
    expect(await categorized()).toMatchObject({ noteVersion: 1 });
    await normalizer.handle(changeOf(taxi, '2'));
    await categorizer.handle(changeOf(await normalized(), '3'));
    expect(await categorized()).toMatchObject({
      noteVersion: 2,
      code: 'category_differs',
      reason: "The note's category is taxi; train is proposed (SNCF's usual category).",
      outcome: { chosen: 'taxi', agrees: false },
    });
    expect(await read(categoryHistoryKey(scope, { merchantKey: 'SNCF' }))).toMatchObject({ 'count:taxi': 1 });
  });
});
