import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';

const dateOf = (...lines: string[]) => parseReceipt({ text: lines.join('\n') }, { today: new Date('2024-04-01T12:00:00Z') }).date;

describe("the date's confidence", () => {
  it('is sure of the only day a receipt prints, read one way only, beside its label or its time', () => {
    for (const read of [
      dateOf('CORNER CAFE', 'Date: 25/03/2024', 'Coffee 2.50', 'TOTAL 2.50'),
      dateOf('CORNER CAFE', '25 MAR 2024 14:05', 'Coffee 2.50', 'TOTAL 2.50'),
      dateOf('CAFE DU PORT', 'Le 25/03/2024 a 14h05', 'Cafe 2,50', 'TOTAL TTC 2,50'),
      dateOf('CAFE DU PORT', 'mardi 5 mars 2024 12:30', 'Cafe 2,50', 'TOTAL TTC 2,50'),
    ]) {
      expect(read?.confidence).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('is not sure of a day that reads both ways, that a slip was repaired in, or beside another day', () => {
    expect(dateOf('CORNER CAFE', 'Date: 03/02/2024', 'TOTAL 2.50')?.confidence).toBeLessThan(0.9);
    expect(dateOf('CAFE DU PORT', 'Le 25/08/2024 a 14h05', 'TOTAL TTC 2,50')?.confidence).toBeLessThan(0.9);
    expect(dateOf('HOTEL', 'Arrivee 20/03/2024', 'Depart 25/03/2024', 'Date: 25/03/2024', 'TOTAL TTC 90,00')?.confidence).toBeLessThan(0.9);
  });
});
