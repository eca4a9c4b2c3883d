import { PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { categoryHistoryKey, stageKey, tenantScope, type MerchantNormalizerOutcome, type NoteItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { derivedKey, writeNoteStage } from '@ndf/receipt-pipeline';
import { changeOf, putItems, readItem, startServiceUnderTest, testNoteItem, testReceiptItem, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'categorizer-';
let stack: SharedStack;
let categorizer: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  categorizer = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await categorizer?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (...items: object[]) => putItems(stack.clients.dynamodb, table(), items);
const read = (key: { pk: string; sk: string }) => readItem(stack.clients.dynamodb, table(), key);
const noteId = (n: number) => `0f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const brasserie: MerchantNormalizerOutcome = {
  source: 'note',
  given: 'Brasserie du Port',
  merchant: { name: 'BRASSERIE DU PORT', key: 'BRASSERIE DU PORT', cleaned: 'BRASSERIE DU PORT', match: { kind: 'unknown' } },
};

/** The note, and the merchant-normalizer's stage for its version, as that service leaves it. */
async function putNoteWithMerchant(note: NoteItem, outcome: MerchantNormalizerOutcome = brasserie): Promise<void> {
  await put(note);
  const scope = tenantScope({ tenant: note.tenant, user: 'merchant-normalizer', roles: [] });
  await writeNoteStage(
    stack.clients.dynamodb,
    table(),
    scope,
    'merchant-normalizer',
    note,
    { status: 'succeeded', outcome },
    new AbortController().signal,
  );
}

const stageOf = (note: NoteItem) =>
  read(stageKey(tenantScope({ tenant: note.tenant, user: 't', roles: [] }), 'categorizer', { noteId: note.noteId }));
const countsOf = async (tenant: string, merchantKey: string) => {
  const item = await read(categoryHistoryKey(tenantScope({ tenant, user: 't', roles: [] }), { merchantKey }));
  return Object.fromEntries(Object.entries(item ?? {}).filter(([name]) => name.startsWith('count:')));
};

describe("categorizer: the tenant's history", () => {
  const tenant = 'history-co';
  const chosen = [1, 2, 3].map((n) => testNoteItem(tenant, noteId(n), { merchant: 'Brasserie du Port', category: 'client_meal' }));

  it('learns from three notes the category its employees chose for a merchant, and proposes it for the fourth', async () => {
    for (const note of chosen) {
      await putNoteWithMerchant(note);
      await categorizer.handle(changeOf(note));
    }
    // The first note had no other note to learn from: an unknown merchant, nothing proposed, its own category kept.
    expect(await stageOf(chosen[0]!)).toMatchObject({
      status: 'succeeded',
      outcome: { chosen: 'client_meal', proposal: { reason: 'no_evidence' } },
    });
    // The third learned from the first two: 2 × 100 / 2 = 100 %.
    expect(await stageOf(chosen[2]!)).toMatchObject({ outcome: { agrees: true, proposal: { category: 'client_meal', confidence: 100 } } });
    expect(await countsOf(tenant, 'BRASSERIE DU PORT')).toEqual({ 'count:client_meal': 3 });

    const fourth = testNoteItem(tenant, noteId(4), { merchant: 'Brasserie du Port' });
    await putNoteWithMerchant(fourth);
    await categorizer.handle(changeOf(fourth));
    expect(await stageOf(fourth)).toMatchObject({
      type: 'STAGE',
      status: 'succeeded',
      noteVersion: 1,
      outcome: {
        proposal: {
          category: 'client_meal',
          confidence: 100,
          reason: 'tenant_history',
          explanation: 'chosen 3 times out of 3 for BRASSERIE DU PORT',
        },
        lowConfidence: false,
        merchant: { key: 'BRASSERIE DU PORT' },
      },
    });
    expect(await stageOf(fourth)).not.toHaveProperty('code');
  });

  it('counts a repeated change once, moves the count of a corrected note, and a late change of an older version changes nothing', async () => {
    const [first] = chosen;
    await categorizer.handle(changeOf(first!));
    await categorizer.handle(changeOf(first!));
    expect(await countsOf(tenant, 'BRASSERIE DU PORT')).toEqual({ 'count:client_meal': 3 });

    const corrected = { ...first!, category: 'restaurant', version: 2 };
    await putNoteWithMerchant(corrected);
    await categorizer.handle(changeOf(corrected, '2'));
    await categorizer.handle(changeOf(corrected, '2'));
    expect(await countsOf(tenant, 'BRASSERIE DU PORT')).toEqual({ 'count:client_meal': 2, 'count:restaurant': 1 });
    // Its proposal comes from the two other notes (2 of 2 chose client meals); its own choice differs.
    expect(await stageOf(corrected)).toMatchObject({
      noteVersion: 2,
      code: 'category_differs',
      outcome: { chosen: 'restaurant', agrees: false },
    });

    // A change of version 1 coming late, as if version 1 were read again: its merchant's stage is of version 2 now.
    await put(first!);
    await categorizer.handle(changeOf(first!));
    expect(await countsOf(tenant, 'BRASSERIE DU PORT')).toEqual({ 'count:client_meal': 2, 'count:restaurant': 1 });
    expect(await stageOf(corrected)).toMatchObject({ noteVersion: 2, outcome: { chosen: 'restaurant' } });
  });

  it("keeps each tenant's history to itself", async () => {
    const elsewhere = testNoteItem('other-co', noteId(5), { merchant: 'Brasserie du Port' });
    await putNoteWithMerchant(elsewhere);
    await categorizer.handle(changeOf(elsewhere));
    expect(await stageOf(elsewhere)).toMatchObject({ code: 'no_proposal', outcome: { proposal: { reason: 'no_evidence' } } });
  });
});

describe('categorizer: an unknown merchant', () => {
  const tenant = 'unknown-co';
  const dupont: MerchantNormalizerOutcome = {
    source: 'note',
    given: 'Boulangerie Dupont',
    merchant: { name: 'BOULANGERIE DUPONT', key: 'BOULANGERIE DUPONT', cleaned: 'BOULANGERIE DUPONT', match: { kind: 'unknown' } },
  };

  it('with nothing else to go by: no proposal, said so', async () => {
    const note = testNoteItem(tenant, noteId(11), { merchant: 'Boulangerie Dupont' });
    await putNoteWithMerchant(note, dupont);
    await categorizer.handle(changeOf(note));
    expect(await stageOf(note)).toMatchObject({
      status: 'succeeded',
      code: 'no_proposal',
      reason: 'No category can be proposed for BOULANGERIE DUPONT: nothing points to one. Choose it.',
      outcome: { proposal: { confidence: 0, reason: 'no_evidence' }, lowConfidence: true },
    });
  });

  it("with its receipt's text saying nuitée: hotel at a low confidence, said so", async () => {
    const id = noteId(12);
    const receipt = testReceiptItem(tenant, '0f000000-0000-4000-8000-0000000001cc', { noteId: id, detectedType: 'application/pdf' });
    await stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: bucketName(PREFIX, 'receipts'),
        Key: derivedKey(receipt, 'text.json'),
        Body: JSON.stringify({ source: 'pdf-text', text: 'Boulangerie Dupont\n1 nuitée 89,00\nTOTAL 89,00' }),
      }),
    );
    const note = testNoteItem(tenant, id, { merchant: 'Boulangerie Dupont', receiptIds: [receipt.receiptId] });
    await put(receipt);
    await putNoteWithMerchant(note, dupont);
    await categorizer.handle(changeOf(receipt));
    expect(await stageOf(note)).toMatchObject({
      code: 'low_confidence',
      reason: 'hotel is proposed with a confidence of 50 % only (the receipt mentions NUITEE): check it.',
      outcome: { proposal: { category: 'hotel', confidence: 50, reason: 'receipt_words' }, receiptTextsRead: 1, receiptsProcessed: 1 },
    });
  });

  it("waits for the merchant of the note's version, quarantines a garbled one, and leaves a note no longer open as it is", async () => {
    const note = testNoteItem(tenant, noteId(13), { merchant: 'SNCF' });
    await putNoteWithMerchant(note, dupont);
    const newer = { ...note, merchant: 'Boulangerie Dupont', version: 2 };
    await put(newer);
    await categorizer.handle(changeOf(newer, '2'));
    expect(await stageOf(newer)).toBeUndefined();

    const garbled = testNoteItem(tenant, noteId(15), { merchant: 'Boulangerie Dupont' });
    await putNoteWithMerchant(garbled, { source: 'note', given: 'x', merchant: { name: 'X' } } as unknown as MerchantNormalizerOutcome);
    await expect(categorizer.handle(changeOf(garbled))).rejects.toThrow(
      `PermanentError: The merchant-normalizer stage of note ${garbled.noteId} (version 1) holds no well-formed merchant.`,
    );

    const approved = testNoteItem(tenant, noteId(14), { merchant: 'Boulangerie Dupont', status: 'approved' });
    await putNoteWithMerchant(approved, dupont);
    await categorizer.handle(changeOf(approved));
    expect(await stageOf(approved)).toBeUndefined();
  });
});
