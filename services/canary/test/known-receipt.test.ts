import { readFile } from 'node:fs/promises';
import { generateFixture } from '@ndf/receipt-fixtures';
import { describe, expect, it } from 'vitest';
import { KNOWN_RECEIPT_FIELDS, KNOWN_RECEIPT_FIXTURE, loadKnownReceipt } from '../src/known-receipt.js';

describe('the known receipt', () => {
  it("is the fixture it names, and expects that fixture's ground truth", async () => {
    const { seed, index, format } = KNOWN_RECEIPT_FIXTURE;
    const fixture = await generateFixture(seed, index, format);
    expect(KNOWN_RECEIPT_FIELDS).toEqual({
      merchant: fixture.truth.merchant,
      date: fixture.truth.date,
      totalInclVat: fixture.truth.totalInclVat,
      currency: fixture.truth.currency,
    });
    const known = await loadKnownReceipt();
    expect(Buffer.from(known.bytes).equals(await readFile(fixture.path))).toBe(true);
    expect(known).toMatchObject({ contentType: fixture.mediaType, expected: KNOWN_RECEIPT_FIELDS });
    expect(known.note).toMatchObject({
      date: fixture.truth.date,
      amount: { value: fixture.truth.totalInclVat, currency: fixture.truth.currency },
    });
  });
});
