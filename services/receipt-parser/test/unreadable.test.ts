import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';

const parse = (lines: readonly string[]) => parseReceipt({ text: lines.join('\n') }, { today: new Date('2024-06-01') });

describe('a field the receipt does not let the parser read is said unreadable, not guessed', () => {
  it('gives no total when only a guess among unlabelled amounts is left (English)', () => {
    const fields = parse(['CORNER SHOP', '12/03/2024', 'Milk 1.20', 'Bread 2.40', '3 x 0.80']);
    expect(fields.totalInclVat).toBeNull();
    expect(fields.unreadable).toEqual(['totalInclVat']);
  });

  it('gives no total when only a guess among unlabelled amounts is left (French)', () => {
    const fields = parse(['BOULANGERIE DU PORT', '12/03/2024', 'Baguette 1,20', 'Croissant 2,40']);
    expect(fields.totalInclVat).toBeNull();
    expect(fields.unreadable).toEqual(['totalInclVat']);
  });

  it('says which of the fields every receipt prints (merchant, date, total) it could not read at all', () => {
    expect(parse(['12.00 14.00']).unreadable).toEqual(['merchant', 'date', 'totalInclVat']);
  });

  it('lists nothing when the merchant, the date and the total are read', () => {
    const fields = parse(['CAFE DE LA GARE', '12/03/2024', 'Cafe 2,50', 'TOTAL TTC 2,50', 'CB 2,50']);
    expect(fields.totalInclVat?.value).toBe('2.50');
    expect(fields.unreadable).toEqual([]);
    const english = parse(['THE CORNER CAFE', '12/03/2024', 'Coffee 2.50', 'TOTAL DUE 2.50', 'VISA 2.50']);
    expect(english.unreadable).toEqual([]);
  });
});
