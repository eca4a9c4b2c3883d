import { describe, expect, it } from 'vitest';
import { fieldMismatches } from '../src/field-check.js';

const field = (value: string) => ({ value, confidence: 0.9 });

describe('fieldMismatches', () => {
  it('finds nothing wrong when every expected field is read as expected, whatever else is read', () => {
    expect(
      fieldMismatches(
        { date: '2023-12-12', totalInclVat: '26.91' },
        { extracted: { date: field('2023-12-12'), totalInclVat: field('26.91'), 'vat:10': field('2.45') } },
      ),
    ).toEqual([]);
  });

  it('names each field read otherwise or not read at all', () => {
    expect(
      fieldMismatches({ date: '2023-12-12', totalInclVat: '26.91', merchant: 'TAXI G7' }, { extracted: { date: field('2023-12-21') } }),
    ).toEqual([
      'date: expected "2023-12-12", read "2023-12-21"',
      'totalInclVat: expected "26.91", read null',
      'merchant: expected "TAXI G7", read null',
    ]);
    expect(fieldMismatches({ date: '2023-12-12' }, {})).toEqual(['date: expected "2023-12-12", read null']);
  });
});
