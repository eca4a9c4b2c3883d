import { describe, expect, it } from 'vitest';
import { calculateForeignVat, calculateVatOfReceipts, isFrenchVat, type ReceiptAmounts, type VatResult } from '../src/index.js';
import { eur } from './compute.js';

const receipt = (totalInclVat: string, vatLines: ReceiptAmounts['vatLines']): ReceiptAmounts => ({
  currency: 'EUR',
  totalInclVat,
  vatLines,
});
const breakdown = (result: VatResult) => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.breakdown;
};

describe('the VAT of an expense with several receipts', () => {
  it("adds each rate's lines up, each receipt's recoverable share rounded on its own line", () => {
    // fuel, passenger car, 80 %: two tickets of 1.98 TTC with 0.33 VAT at 20 % (base 1.65: 1.65 × 20 % = 0.33)
    // each line: 0.33 × 80 % = 0.264 → 0.26, so 0.52 recovered (rounding the sum, 0.528 → 0.53, would book
    // a cent the lines do not carry); VAT 0.66, HT 3.96 − 0.66 = 3.30
    const result = breakdown(
      calculateVatOfReceipts({ category: 'fuel', vehicle: 'passenger_car', fuel: 'diesel' }, [
        receipt('1.98', [{ rate: '20', amount: '0.33' }]),
        receipt('1.98', [{ rate: '20', amount: '0.33' }]),
      ]),
    );
    expect(result).toMatchObject({
      totalInclVat: eur('3.96'),
      totalExclVat: eur('3.30'),
      vat: eur('0.66'),
      recoverable: eur('0.52'),
      nonRecoverable: eur('0.14'),
      rule: { code: 'fuel_passenger_car', percent: 80 },
    });
    expect(result.lines).toEqual([
      { rate: '20', base: eur('3.30'), baseSource: 'remainder', vat: eur('0.66'), recoverable: eur('0.52'), nonRecoverable: eur('0.14') },
    ]);
  });

  it("decides a meal's 150 EUR threshold on the expense's total excluding VAT, not on each receipt", () => {
    // two receipts of 88.00 TTC with 8.00 VAT at 10 %: 80.00 HT each (below 150), 160.00 HT together
    const meal = calculateVatOfReceipts({ category: 'restaurant', companyMention: 'added_by_company' }, [
      receipt('88.00', [{ rate: '10', amount: '8.00' }]),
      receipt('88.00', [{ rate: '10', amount: '8.00' }]),
    ]);
    expect(breakdown(meal)).toMatchObject({
      totalExclVat: eur('160.00'),
      vat: eur('16.00'),
      recoverable: eur('0.00'),
      rule: { code: 'meal_company_added_from_150', percent: 0 },
    });
  });

  it("names the receipt of a receipt's problem, and the expense's own problems once", () => {
    const result = calculateVatOfReceipts({ category: 'fuel' }, [
      receipt('12.00', [{ rate: '20', amount: '2.00' }]),
      receipt('11.90', [{ rate: '19', amount: '1.90' }]),
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: '/receipts/1/vatLines/0/rate', code: 'unknown_rate' })],
    });
    const unchecked = calculateVatOfReceipts({ category: 'fuel' }, [
      receipt('12.00', [{ rate: '20', amount: '2.00' }]),
      receipt('6.00', [{ rate: '20', amount: '1.00' }]),
    ]);
    expect(unchecked).toEqual({ ok: false, problems: [expect.objectContaining({ field: '/vehicle', code: 'missing_vehicle' })] });
  });

  it('refuses an expense without any receipt', () => {
    expect(calculateVatOfReceipts({ category: 'tolls' }, [])).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: '/receipts', code: 'no_receipt' })],
    });
  });
});

describe('foreign VAT', () => {
  it('is that of an expense made abroad or paid in another currency; no country means France', () => {
    expect(isFrenchVat({ currency: 'EUR' })).toBe(true);
    expect(isFrenchVat({ country: 'FR', currency: 'EUR' })).toBe(true);
    expect(isFrenchVat({ country: 'DE', currency: 'EUR' })).toBe(false);
    expect(isFrenchVat({ country: 'FR', currency: 'USD' })).toBe(false);
  });

  it('recovers nothing: the whole amount, in its own currency, is the expense', () => {
    expect(breakdown(calculateForeignVat('hotel', { value: '120.5', currency: 'USD' }, { country: 'US', currency: 'USD' }))).toEqual({
      category: 'hotel',
      account: '6256',
      totalInclVat: { value: '120.50', currency: 'USD' },
      totalExclVat: { value: '120.50', currency: 'USD' },
      vat: { value: '0.00', currency: 'USD' },
      lines: [],
      recoverable: { value: '0.00', currency: 'USD' },
      nonRecoverable: { value: '0.00', currency: 'USD' },
      rule: {
        code: 'foreign_vat',
        percent: 0,
        reason:
          'expense made in US: its VAT is not French VAT and is not recoverable on the French return; the whole amount is the expense',
        rounding: 'per VAT line, to the cent, half up',
      },
    });
  });
});
