import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';
import { receipts } from './hand-written-receipts.js';

describe('parseReceipt on hand-written receipts', () => {
  for (const { name, text, expected } of receipts) {
    it(name, () => {
      const fields = parseReceipt({ text });
      const read = {
        merchant: fields.merchant?.value ?? null,
        date: fields.date?.value ?? null,
        totalInclVat: fields.totalInclVat?.value ?? null,
        totalExclVat: fields.totalExclVat?.value ?? null,
        vatLines: fields.vatLines?.value ?? null,
        currency: fields.currency?.value ?? null,
        merchantVatNumber: fields.merchantVatNumber?.value ?? null,
      };
      const compared = Object.fromEntries(Object.keys(expected).map((key) => [key, read[key as keyof typeof read]]));
      expect(compared).toEqual(expected);
      for (const field of Object.values(fields)) {
        if (field === null || typeof field !== 'object' || Array.isArray(field)) continue;
        expect(field.confidence).toBeGreaterThan(0);
        expect(field.confidence).toBeLessThanOrEqual(1);
      }
    });
  }
});
