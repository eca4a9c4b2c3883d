import type { ReceiptItem } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { noteMerchant, sameAmount } from '../src/note-merchant.js';

const receipt = (status: string, merchant?: { value: string; confidence: number }) =>
  ({ status, ...(merchant ? { extracted: { merchant } } : {}) }) as unknown as ReceiptItem;

describe('the merchant a note is compared on', () => {
  it('is the one typed, else the one its processed receipts read with the most confidence', () => {
    const receipts = [
      receipt('processed', { value: 'SNCF VOYAGEURS', confidence: 0.6 }),
      receipt('processed', { value: 'sncf.com', confidence: 0.9 }),
      // Not read to the end: not taken, however sure.
      receipt('reading', { value: 'UBER', confidence: 0.99 }),
      receipt('processed'),
    ];
    expect(noteMerchant('Le Petit Zinc', receipts)).toBe('Le Petit Zinc');
    expect(noteMerchant(undefined, receipts)).toBe('sncf.com');
    expect(noteMerchant(undefined, [receipt('processed')])).toBeUndefined();
  });

  it('goes with amounts compared to the minor unit, in one currency', () => {
    expect(sameAmount({ value: '42.5', currency: 'EUR' }, { value: '42.50', currency: 'EUR' })).toBe(true);
    expect(sameAmount({ value: '42.50', currency: 'EUR' }, { value: '42.50', currency: 'CHF' })).toBe(false);
    expect(sameAmount({ value: '42.50', currency: 'EUR' }, { value: 'forty', currency: 'EUR' })).toBe(false);
  });
});
