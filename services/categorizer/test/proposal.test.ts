import type { NormalizedMerchant } from '@ndf/contracts';
import { testNoteItem } from '@ndf/testkit';
import { CATEGORY_NAMES } from '@ndf/vat-rules';
import { describe, expect, it } from 'vitest';
import { categorize, choiceOf, othersChoices, type CategorizerInput } from '../src/proposal.js';

const NOTE = '0f000000-0000-4000-8000-000000000001';
const sncf: NormalizedMerchant = {
  name: 'SNCF',
  key: 'SNCF',
  cleaned: 'SNCF VOYAGEURS',
  usualCategory: 'train',
  match: { kind: 'alias', alias: 'SNCFVOYAGEURS' },
};
const novotel: NormalizedMerchant = {
  name: 'Novotel',
  key: 'NOVOTEL',
  cleaned: 'NOVOTEL',
  usualCategory: 'hotel',
  match: { kind: 'alias', alias: 'NOVOTEL' },
};
const indigo: NormalizedMerchant = {
  name: 'Indigo',
  key: 'INDIGO',
  cleaned: 'INDIGO',
  usualCategory: 'parking',
  match: { kind: 'alias', alias: 'INDIGO' },
};
const brasserie: NormalizedMerchant = {
  name: 'BRASSERIE DU PORT',
  key: 'BRASSERIE DU PORT',
  cleaned: 'BRASSERIE DU PORT',
  match: { kind: 'unknown' },
};
const dupont: NormalizedMerchant = {
  name: 'BOULANGERIE DUPONT',
  key: 'BOULANGERIE DUPONT',
  cleaned: 'BOULANGERIE DUPONT',
  match: { kind: 'unknown' },
};

const input = (overrides: Partial<CategorizerInput> & { category?: string }): CategorizerInput => {
  const { category, ...rest } = overrides;
  return {
    note: testNoteItem('acme', NOTE, category === undefined ? {} : { category }),
    merchant: sncf,
    receiptTexts: [],
    receiptsProcessed: 0,
    history: {},
    categories: CATEGORY_NAMES,
    ...rest,
  };
};

describe('the proposal', () => {
  it("the tenant's history first: train chosen for SNCF on 3 other notes, 3 × 100 / 3 = 100 %", () => {
    expect(categorize(input({ history: { train: 3 } }))).toEqual({
      status: 'succeeded',
      outcome: {
        proposal: { category: 'train', confidence: 100, reason: 'tenant_history', explanation: 'chosen 3 times out of 3 for SNCF' },
        lowConfidence: false,
        merchant: { name: 'SNCF', key: 'SNCF' },
        receiptTextsRead: 0,
        receiptsProcessed: 0,
      },
    });
  });

  it('a category of the platform list only, client meals: chosen 2 times out of 3 at a brasserie, 200 / 3 = 66.67, 66 %', () => {
    const stage = categorize(input({ merchant: brasserie, history: { client_meal: 2, restaurant: 1 } }));
    expect(stage.outcome).toMatchObject({
      proposal: { category: 'client_meal', confidence: 66, reason: 'tenant_history' },
      lowConfidence: false,
    });
    expect(stage.code).toBeUndefined();
  });

  it("no history: the brand's usual category, 90 %", () => {
    expect(categorize(input({ merchant: novotel })).outcome).toMatchObject({
      proposal: { category: 'hotel', confidence: 90, reason: 'known_brand', explanation: "Novotel's usual category" },
    });
  });

  it('an unknown merchant and no words: no proposal, said so', () => {
    expect(categorize(input({ merchant: dupont }))).toEqual({
      status: 'succeeded',
      code: 'no_proposal',
      reason: 'No category can be proposed for BOULANGERIE DUPONT: nothing points to one. Choose it.',
      outcome: {
        proposal: { confidence: 0, reason: 'no_evidence', explanation: 'nothing points to a category' },
        lowConfidence: true,
        merchant: { name: 'BOULANGERIE DUPONT', key: 'BOULANGERIE DUPONT' },
        receiptTextsRead: 0,
        receiptsProcessed: 0,
      },
    });
  });

  it('an unknown merchant whose receipt says nuitée: hotel at 50 % (one word), below 60: flagged as low', () => {
    const stage = categorize(input({ merchant: dupont, receiptTexts: ['1 nuitée 89,00'], receiptsProcessed: 1 }));
    expect(stage).toMatchObject({
      status: 'succeeded',
      code: 'low_confidence',
      reason: 'hotel is proposed with a confidence of 50 % only (the receipt mentions NUITEE): check it.',
      outcome: { proposal: { category: 'hotel', confidence: 50, reason: 'receipt_words' }, lowConfidence: true, receiptTextsRead: 1 },
    });
  });

  it("the words of all the note's receipts count together: péage, autoroute on two receipts, 50 + 10 = 60 %", () => {
    const stage = categorize(input({ merchant: dupont, receiptTexts: ['PEAGE', 'AUTOROUTE A10'], receiptsProcessed: 2 }));
    expect(stage.outcome).toMatchObject({ proposal: { category: 'tolls', confidence: 60 }, lowConfidence: false });
    expect(stage.code).toBeUndefined();
  });

  it("a brand whose usual category is not the platform's (Indigo's parking) is passed over to the receipt's words", () => {
    const stage = categorize(input({ merchant: indigo, receiptTexts: ['Autoroute A6 gare de péage'] }));
    expect(stage.outcome).toMatchObject({ proposal: { category: 'tolls', reason: 'receipt_words' } });
  });

  it('a note without any merchant: its words alone', () => {
    const stage = categorize(input({ merchant: undefined, receiptTexts: ['TGV INOUI Billet de train'] }));
    expect(stage.outcome).toMatchObject({ proposal: { category: 'train', confidence: 60 } });
    expect(stage.outcome).not.toHaveProperty('merchant');
  });

  it('a counted category the tenant no longer uses is no choice to follow: 1 train out of 1', () => {
    expect(categorize(input({ history: { parking: 5, train: 1 } })).outcome).toMatchObject({
      proposal: { category: 'train', confidence: 100, explanation: 'chosen 1 times out of 1 for SNCF' },
    });
  });

  it('a mileage note: mileage, certain', () => {
    const note = testNoteItem('acme', NOTE, { mileage: { km: '120', fiscalPower: 5, vehicle: 'car' } });
    expect(categorize(input({ note, merchant: undefined })).outcome).toMatchObject({
      proposal: { category: 'mileage', confidence: 100, reason: 'mileage' },
    });
  });
});

describe("the note's own category", () => {
  it('agrees with the proposal: said so, nothing flagged', () => {
    const stage = categorize(input({ category: 'train', history: { train: 3 } }));
    expect(stage.code).toBeUndefined();
    expect(stage.outcome).toMatchObject({ chosen: 'train', agrees: true });
  });

  it('differs from it: flagged with the proposal and why', () => {
    expect(categorize(input({ category: 'taxi', history: { train: 3 } }))).toMatchObject({
      status: 'succeeded',
      code: 'category_differs',
      reason: "The note's category is taxi; train is proposed (chosen 3 times out of 3 for SNCF).",
      outcome: { chosen: 'taxi', agrees: false },
    });
  });

  it('a category of its own with no proposal to compare: kept, not flagged', () => {
    const stage = categorize(input({ merchant: dupont, category: 'restaurant' }));
    expect(stage.code).toBeUndefined();
    expect(stage.outcome).toMatchObject({ chosen: 'restaurant', agrees: false, lowConfidence: true });
  });

  it('a category outside the list is refused with the list', () => {
    expect(categorize(input({ category: 'boat' }))).toEqual({
      status: 'refused',
      code: 'unknown_category',
      reason: `The category "boat" is not one of the company's categories (${CATEGORY_NAMES.join(', ')}): choose one of them.`,
    });
  });
});

describe('what the history counts', () => {
  it("a note's category for its merchant, only with both, and only a category of the list", () => {
    const note = (category?: string) => testNoteItem('acme', NOTE, category === undefined ? {} : { category });
    expect(choiceOf(note('train'), sncf, CATEGORY_NAMES)).toEqual({ merchantKey: 'SNCF', category: 'train' });
    expect(choiceOf(note(), sncf, CATEGORY_NAMES)).toBeUndefined();
    expect(choiceOf(note('train'), undefined, CATEGORY_NAMES)).toBeUndefined();
    expect(choiceOf(note('boat'), sncf, CATEGORY_NAMES)).toBeUndefined();
  });

  it("a note's proposal is made from the other notes: its own counted choice is taken out", () => {
    const counted = { noteVersion: 1, revision: 1, choice: { merchantKey: 'SNCF', category: 'train' } };
    expect(othersChoices({ train: 3, taxi: 1 }, counted, 'SNCF')).toEqual({ train: 2, taxi: 1 });
    expect(othersChoices({ train: 3 }, counted, 'NOVOTEL')).toEqual({ train: 3 });
    expect(othersChoices({ train: 3 }, undefined, 'SNCF')).toEqual({ train: 3 });
  });
});
