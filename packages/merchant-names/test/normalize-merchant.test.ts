import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, MerchantInputError, normalizeMerchant } from '../src/index.js';

function refusal(raw: unknown): { field: string; code: string } {
  try {
    normalizeMerchant(raw);
  } catch (error) {
    if (error instanceof MerchantInputError) return { field: error.field, code: error.code };
    throw error;
  }
  throw new Error(`expected a refusal for ${String(raw)}`);
}

describe('a merchant name normalised to its brand', () => {
  it.each([
    ['SNCF VOYAGEURS', 'SNCF'],
    ['sncf.com', 'SNCF'],
    ['SNCF CONNECT 0892', 'SNCF'],
    ['www.sncf-connect.com', 'SNCF'],
    ['TOTALENERGIES STATION 1234', 'TotalEnergies'],
    ['Total Energies', 'TotalEnergies'],
    ['CB CARREFOUR 12/03', 'Carrefour'],
    ['PAIEMENT CB 12.03.24 CARREFOUR MARKET PARIS', 'Carrefour'],
    ['UBER *TRIP', 'Uber'],
    ['Uber BV', 'Uber'],
    ['Uber B.V.', 'Uber'],
    ['PAYPAL *AIRBNB', 'Airbnb'],
    ['PRLV SEPA FREE MOBILE', 'Free'],
    ['VIR SEPA Hertz France SAS', 'Hertz'],
    ['Taxis G7', 'G7'],
    ['G7 4821', 'G7'],
    ["MC DONALD'S 0142", "McDonald's"],
    ['Brioche Dorée', 'Brioche Dorée'],
    ['BRIOCHE DOREE GARE DE LYON', 'Brioche Dorée'],
    ['B&B HOTEL NANTES', 'B&B Hotels'],
    ['Deutsche Bahn AG', 'Deutsche Bahn'],
  ])('%s → %s', (raw, name) => {
    const merchant = normalizeMerchant(raw);
    expect(merchant.name).toBe(name);
    expect(merchant.match.kind).toBe('alias');
  });

  it('keeps what it found for the audit trail: the cleaned name, the alias, the usual category', () => {
    expect(normalizeMerchant('CB SNCF CONNECT 12/03 0892')).toEqual({
      name: 'SNCF',
      key: 'SNCF',
      cleaned: 'SNCF CONNECT',
      category: 'train',
      match: { kind: 'alias', alias: 'SNCFCONNECT' },
    });
  });

  it('one key per brand however it is spelt, so a tenant history is kept once', () => {
    const keys = ['SNCF VOYAGEURS', 'sncf.com', 'OUIGO'].map((raw) => normalizeMerchant(raw).key);
    expect(keys).toEqual(['SNCF', 'SNCF', 'SNCF']);
    expect(normalizeMerchant("McDonald's").key).toBe('MCDONALDS');
  });
});

describe('OCR slips, within one edit per five letters', () => {
  it('CARREF0UR: one edit in 9 letters (9 / 5 = 1 allowed) → Carrefour', () => {
    expect(normalizeMerchant('CARREF0UR 12/03').match).toEqual({ kind: 'fuzzy', alias: 'CARREFOUR', distance: 1 });
  });

  it('T0TALENERGlES: two edits in 13 letters (13 / 5 = 2 allowed) → TotalEnergies', () => {
    const merchant = normalizeMerchant('T0TALENERGlES');
    expect(merchant.name).toBe('TotalEnergies');
    expect(merchant.match).toEqual({ kind: 'fuzzy', alias: 'TOTALENERGIES', distance: 2 });
  });

  it('EUROPKAR: one edit in 8 letters (8 / 5 = 1 allowed) → Europcar', () => {
    expect(normalizeMerchant('EUROPKAR').match).toEqual({ kind: 'fuzzy', alias: 'EUROPCAR', distance: 1 });
  });

  it('EVROPKAR: two edits in 8 letters (8 / 5 = 1 allowed) stays unknown', () => {
    expect(normalizeMerchant('EVROPKAR').match).toEqual({ kind: 'unknown' });
  });

  it('short names must match exactly: AVIZ (4 letters, 0 allowed) is not Avis', () => {
    expect(normalizeMerchant('AVIZ').match).toEqual({ kind: 'unknown' });
  });

  it('PAULO is not Paul: the shorter name (4 letters) sets the allowance, 0', () => {
    expect(normalizeMerchant('PAULO').name).toBe('PAULO');
  });
});

describe('merchants outside the table', () => {
  it('are cleaned and kept under their own key', () => {
    expect(normalizeMerchant('CB Boulangerie Dupont SARL 03/12')).toEqual({
      name: 'BOULANGERIE DUPONT',
      key: 'BOULANGERIE DUPONT',
      cleaned: 'BOULANGERIE DUPONT',
      category: undefined,
      match: { kind: 'unknown' },
    });
  });

  it('a store number written N° 12, No 12 or Nº12 goes with its N', () => {
    const names = ['Boulangerie Dupont N° 12', 'Boulangerie Dupont No 12', 'Boulangerie Dupont Nº12'];
    expect(names.map((raw) => normalizeMerchant(raw).name)).toEqual(Array(3).fill('BOULANGERIE DUPONT'));
  });

  it('a common word is no alias: AREA 51 BAR is not a motorway company', () => {
    expect(normalizeMerchant('AREA 51 BAR').match).toEqual({ kind: 'unknown' });
  });

  it('a name with emoji keeps its words', () => {
    expect(normalizeMerchant('🍕 Pizzeria Da Marco 🍕').name).toBe('PIZZERIA DA MARCO');
  });

  it('an emoji among a brand still finds the brand', () => {
    expect(normalizeMerchant('☕ Starbucks Coffee').name).toBe('Starbucks');
  });
});

describe('hostile names are refused with the field and a reason', () => {
  it.each([
    ['empty', '', 'empty'],
    ['blank', '   \t ', 'empty'],
    ['only digits', '0892 1234', 'no_name_left'],
    ['a date and a card prefix only', 'CB 12/03/2024', 'no_name_left'],
    ['only emoji', '🚕🚕🚕', 'no_name_left'],
    [`${MAX_NAME_LENGTH + 1} characters`, 'A'.repeat(MAX_NAME_LENGTH + 1), 'too_long'],
    ['10,000 characters', 'SNCF '.repeat(2_000), 'too_long'],
  ])('%s', (_what, raw, code) => {
    expect(refusal(raw)).toEqual({ field: '/merchant', code });
  });

  it.each([[undefined], [null], [42], [{ name: 'SNCF' }]])('not a string: %s', (raw) => {
    expect(refusal(raw)).toEqual({ field: '/merchant', code: 'not_a_string' });
  });

  it('names the field it is given', () => {
    expect(() => normalizeMerchant('', '/transactions/3/label')).toThrow(
      expect.objectContaining({ field: '/transactions/3/label', code: 'empty' }),
    );
  });

  it(`exactly ${MAX_NAME_LENGTH} characters is still read`, () => {
    expect(normalizeMerchant('B'.repeat(MAX_NAME_LENGTH)).cleaned).toHaveLength(MAX_NAME_LENGTH);
  });
});
