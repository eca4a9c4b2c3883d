import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';

const total = (lines: readonly string[]) => parseReceipt({ text: lines.join('\n') }).totalInclVat;

describe('a total the receipt leaves in doubt is not given as sure', () => {
  it('is below 0.9 when a coupon or discount line stands between the subtotal and the total (English)', () => {
    const read = total([
      'Pizza 14.30',
      'Drink 3.50',
      'Sub-Total 21.60',
      'Coupon Discount 9.20',
      'Grand Total 12.40',
      'Payment 12.50',
      'Change Due 0.10',
    ]);
    expect(read?.value).toBe('12.40');
    expect(read?.confidence).toBeLessThan(0.9);
  });

  it('is below 0.9 when a remise stands between the sous-total and the net a payer (French)', () => {
    const read = total(['Menu 18,00', 'SOUS-TOTAL 18,00', 'REMISE FIDELITE 3,00', 'NET A PAYER 15,00', 'CB 15,00']);
    expect(read?.value).toBe('15.00');
    expect(read?.confidence).toBeLessThan(0.9);
  });

  it('is below 0.9 when a voucher line stands between two totals that disagree', () => {
    const read = total(['Shirt 30.00', 'TOTAL 30.00', 'VOUCHER 5.00', 'TOTAL 25.00', 'VISA 25.00']);
    expect(read?.value).toBe('25.00');
    expect(read?.confidence).toBeLessThan(0.9);
  });

  it('is below 0.9 when two strong total labels disagree and only one fact speaks for the one chosen', () => {
    expect(total(['TOTAL TTC 42,00', 'NET A PAYER 24,00', 'CB 24,00'])?.confidence).toBeLessThan(0.9);
    expect(total(['GRAND TOTAL 42.00', 'AMOUNT DUE 24.00', 'VISA 24.00'])?.confidence).toBeLessThan(0.9);
  });

  it('stays sure when two facts speak for the total a rival label disagrees with', () => {
    const read = total(['TOTAL HT 20,00', 'TVA 20% 4,00', 'TOTAL TTC 42,00', 'NET A PAYER 24,00', 'CB 24,00']);
    expect(read?.value).toBe('24.00');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('is below 0.9 when two strong total labels print different amounts that nothing tells apart', () => {
    expect(total(['TOTAL TTC 42,00', 'NET A PAYER 24,00'])?.confidence).toBeLessThan(0.9);
    expect(total(['GRAND TOTAL 42.00', 'AMOUNT DUE 24.00'])?.confidence).toBeLessThan(0.9);
  });

  it('stays sure when the discount comes before the subtotal, or is an item line of the ticket', () => {
    const english = total(['Shirt 30.00', 'Discount 5.00', 'Subtotal 25.00', 'Tax 2.00', 'Total 27.00', 'Visa 27.00']);
    expect(english?.value).toBe('27.00');
    expect(english?.confidence).toBeGreaterThanOrEqual(0.9);
    const french = total(['Chemise 30,00', 'Remise 5,00', 'TOTAL HT 20,83', 'TVA 20% 4,17', 'TOTAL TTC 25,00', 'CB 25,00']);
    expect(french?.value).toBe('25.00');
    expect(french?.confidence).toBeGreaterThanOrEqual(0.9);
  });
});
