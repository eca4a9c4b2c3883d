import { describe, expect, it } from 'vitest';
import { composeReceipt } from '@ndf/receipt-fixtures';
import { calculateVat } from '../src/index.js';

const FRENCH_RATES = new Set(['20', '10', '5.5', '2.1']);

// The synthetic French receipts print their VAT per rate without its base, several rates on
// one ticket: each must add up, and its HT must be the one printed.
const frenchReceipts = Array.from({ length: 400 }, (_, index) => composeReceipt(14, index).truth).filter(
  (truth) => truth.currency === 'EUR' && truth.vatLines.every((line) => FRENCH_RATES.has(line.rate)),
);

describe('synthetic French receipts', () => {
  it('are enough, and some carry several rates', () => {
    expect(frenchReceipts.length).toBeGreaterThan(100);
    expect(frenchReceipts.filter((truth) => truth.vatLines.length >= 2).length).toBeGreaterThanOrEqual(10);
  });

  it('each add up, with the HT the receipt prints', () => {
    const refused = frenchReceipts.flatMap((truth): { id: string; got: unknown }[] => {
      const result = calculateVat({ currency: 'EUR', totalInclVat: truth.totalInclVat, vatLines: truth.vatLines, category: 'tolls' });
      if (!result.ok) return [{ id: truth.id, got: result.problems }];
      return result.breakdown.totalExclVat.value === truth.totalExclVat ? [] : [{ id: truth.id, got: result.breakdown.totalExclVat }];
    });
    expect(refused).toEqual([]);
  });
});
