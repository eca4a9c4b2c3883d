import { describe, expect, it } from 'vitest';
import { MerchantInputError, normalizeMerchant, proposeCategory, type TenantHistory } from '../src/index.js';

const sncf = normalizeMerchant('SNCF VOYAGEURS');
const carrefour = normalizeMerchant('CB CARREFOUR 12/03');
const unknown = normalizeMerchant('Station Dupont Freres');

describe('the tenant history comes first: most frequent wins', () => {
  it('chosen 3 times out of 4: 3 × 100 / 4 = 75 %', () => {
    const history: TenantHistory = { CARREFOUR: { restaurant: 3, supplies: 1 } };
    expect(proposeCategory({ merchant: carrefour, history })).toEqual({
      category: 'restaurant',
      confidence: 75,
      reason: 'tenant_history',
      explanation: 'chosen 3 times out of 4 for Carrefour',
    });
  });

  it('chosen 2 times out of 3: 200 / 3 = 66.67, rounded down to 66 %', () => {
    const history: TenantHistory = { 'STATION DUPONT FRERES': { fuel: 2, parking: 1 } };
    expect(proposeCategory({ merchant: unknown, history })).toMatchObject({ category: 'fuel', confidence: 66 });
  });

  it('wins over the receipt words too', () => {
    const history: TenantHistory = { SNCF: { taxi: 1 } };
    expect(proposeCategory({ merchant: sncf, history, receiptText: 'PEAGE A7' })).toMatchObject({
      category: 'taxi',
      confidence: 100,
      reason: 'tenant_history',
    });
  });

  it('a tie gives no majority: the brand decides', () => {
    const history: TenantHistory = { CARREFOUR: { restaurant: 2, hotel: 2 } };
    expect(proposeCategory({ merchant: carrefour, history })).toMatchObject({ category: 'supplies', reason: 'known_brand' });
  });

  it("another merchant's history is not used", () => {
    const history: TenantHistory = { SNCF: { taxi: 5 } };
    expect(proposeCategory({ merchant: carrefour, history }).reason).toBe('known_brand');
  });

  it('counts of 0 only: no history', () => {
    const history: TenantHistory = { SNCF: { taxi: 0 } };
    expect(proposeCategory({ merchant: sncf, history }).reason).toBe('known_brand');
  });
});

describe('then the brand, then the receipt words', () => {
  it("a known brand's usual category at 90 %", () => {
    expect(proposeCategory({ merchant: sncf })).toEqual({
      category: 'train',
      confidence: 90,
      reason: 'known_brand',
      explanation: "SNCF's usual category",
    });
  });

  it('a brand read through an OCR slip at 75 %', () => {
    expect(proposeCategory({ merchant: normalizeMerchant('T0TALENERGlES') })).toMatchObject({
      category: 'fuel',
      confidence: 75,
      explanation: `TotalEnergies's usual category (read as "T0TALENERGLES")`,
    });
  });

  it('péage, autoroute, gare de péage on an unknown merchant: 3 words, 50 + 10 × 2 = 70 %', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: 'Gare de Péage de Saint-Arnoult\nAutoroute A10\n12,40 €' })).toEqual({
      category: 'tolls',
      confidence: 70,
      reason: 'receipt_words',
      explanation: 'the receipt mentions PEAGE, AUTOROUTE, GARE DE PEAGE',
    });
  });

  it('gazole and litres beat one restaurant word (café): 2 words against 1, 60 %', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: 'GAZOLE 42,10 LITRES\nCafé offert' })).toMatchObject({
      category: 'fuel',
      confidence: 60,
      explanation: 'the receipt mentions GAZOLE, LITRES',
    });
  });

  it('a car rental contract is not a train ticket: VOITURE alone names no category', () => {
    // LOCATION VOITURE: 1 car-rental word, 50 %; counted for the train too, it was a tie and no proposal
    const text = 'Location voiture catégorie B';
    expect(proposeCategory({ merchant: unknown, receiptText: text })).toMatchObject({ category: 'car_rental', confidence: 50 });
  });

  it('an electric charge is not a phone top-up: RECHARGE names no category', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: 'Recharge 22 kWh' }).reason).toBe('no_evidence');
  });

  it('nuitée: 1 word, 50 %', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: '1 nuitée 89,00' })).toMatchObject({ category: 'hotel', confidence: 50 });
  });

  it('many words are capped at 80 %: 5 words would be 50 + 40 = 90', () => {
    const text = 'Menu du jour, plat, dessert, boisson, café';
    expect(proposeCategory({ merchant: unknown, receiptText: text })).toMatchObject({ category: 'restaurant', confidence: 80 });
  });

  it('words of two categories in equal number: no proposal', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: 'PARKING PEAGE' })).toEqual({
      category: undefined,
      confidence: 0,
      reason: 'no_evidence',
      explanation: 'nothing points to a category',
    });
  });

  it('a word inside another word does not count: PLATEAU is not PLAT', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: 'PLATEAU DE FROMAGES' }).reason).toBe('no_evidence');
  });

  it('no merchant at all: the words alone tell, and the history is not read', () => {
    const history: TenantHistory = { SNCF: { taxi: 5 } };
    expect(proposeCategory({ history, receiptText: 'TGV INOUI billet de train' })).toMatchObject({
      category: 'train',
      confidence: 60,
      reason: 'receipt_words',
    });
  });

  it('nothing at all: no proposal', () => {
    expect(proposeCategory({ merchant: unknown, receiptText: '' }).category).toBeUndefined();
  });
});

describe("a tenant's own list of categories", () => {
  // A list like the platform's default one (VAT categories): client meals and hotel meals, no parking, supplies or telecom.
  const categories = ['hotel', 'hotel_meal', 'restaurant', 'client_meal', 'train', 'plane', 'taxi', 'tolls', 'fuel'] as const;
  const indigo = normalizeMerchant('PARKING INDIGO GARE');

  it('the history may count any category of the list: client_meal chosen 3 times out of 4, 75 %', () => {
    const history = { CARREFOUR: { client_meal: 3, restaurant: 1 } };
    expect(proposeCategory({ merchant: carrefour, history, categories })).toEqual({
      category: 'client_meal',
      confidence: 75,
      reason: 'tenant_history',
      explanation: 'chosen 3 times out of 4 for Carrefour',
    });
  });

  it("a brand whose usual category is not in the list is passed over: Indigo's parking, then nothing", () => {
    expect(indigo.category).toBe('parking');
    expect(proposeCategory({ merchant: indigo, categories })).toMatchObject({ category: undefined, reason: 'no_evidence' });
    expect(proposeCategory({ merchant: indigo })).toMatchObject({ category: 'parking', reason: 'known_brand' });
  });

  it('receipt words of a category not in the list are passed over: 2 supplies words lose to 1 toll word', () => {
    // Without the list: RAMETTE, PAPIER (supplies, 2 words) beat PEAGE (tolls, 1 word): 50 + 10 = 60 %.
    expect(proposeCategory({ merchant: unknown, receiptText: 'RAMETTE PAPIER PEAGE' })).toMatchObject({
      category: 'supplies',
      confidence: 60,
    });
    // With it, supplies is not a choice: tolls, 1 word, 50 %.
    expect(proposeCategory({ merchant: unknown, receiptText: 'RAMETTE PAPIER PEAGE', categories })).toMatchObject({
      category: 'tolls',
      confidence: 50,
      reason: 'receipt_words',
    });
  });

  it('a history counting a category outside the list is refused with its field', () => {
    const history = { SNCF: { parking: 1 } } as unknown as TenantHistory<(typeof categories)[number]>;
    expect(() => proposeCategory({ merchant: sncf, history, categories })).toThrow(
      expect.objectContaining({ field: '/history/SNCF/parking', code: 'unknown_category' }),
    );
  });
});

describe('bad input is refused with its field', () => {
  function refusal(run: () => unknown): { field: string; code: string } {
    try {
      run();
    } catch (error) {
      if (error instanceof MerchantInputError) return { field: error.field, code: error.code };
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('an unknown category in the history', () => {
    const history = { SNCF: { boat: 2 } } as unknown as TenantHistory;
    expect(refusal(() => proposeCategory({ merchant: sncf, history }))).toEqual({
      field: '/history/SNCF/boat',
      code: 'unknown_category',
    });
  });

  it.each([[-1], [1.5], [Number.NaN], ['3']])('a count of %s', (count) => {
    const history = { SNCF: { train: count } } as unknown as TenantHistory;
    expect(refusal(() => proposeCategory({ merchant: sncf, history }))).toEqual({
      field: '/history/SNCF/train',
      code: 'invalid_count',
    });
  });

  it('counts that are not an object, under a key holding a slash (escaped as ~1)', () => {
    // Cleaned keys never hold a slash, but a history is the caller's data.
    const merchant = { ...normalizeMerchant('Traiteur'), key: 'A/B' };
    const history = { 'A/B': 7 } as unknown as TenantHistory;
    expect(refusal(() => proposeCategory({ merchant, history }))).toEqual({ field: '/history/A~1B', code: 'invalid_history' });
  });

  it('a receipt text of more than 50,000 characters', () => {
    expect(refusal(() => proposeCategory({ merchant: unknown, receiptText: 'x'.repeat(50_001) }))).toEqual({
      field: '/receiptText',
      code: 'too_long',
    });
  });

  it('a receipt text that is not a string', () => {
    const receiptText = 12 as unknown as string;
    expect(refusal(() => proposeCategory({ merchant: unknown, receiptText }))).toEqual({
      field: '/receiptText',
      code: 'not_a_string',
    });
  });
});
