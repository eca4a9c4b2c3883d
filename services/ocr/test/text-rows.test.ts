import { describe, expect, it } from 'vitest';
import { wordsFromRows } from '../src/text-rows.js';

describe('wordsFromRows', () => {
  it('makes one text line per row, with each word boxed in its share of the row', () => {
    const page = wordsFromRows([
      {
        text: 'TOTAL  9.00',
        confidence: 0.987,
        corners: [
          [10, 20],
          [110, 21],
          [110, 40],
          [10, 39],
        ],
      },
      {
        text: '   ',
        confidence: 0.9,
        corners: [
          [0, 50],
          [10, 50],
          [10, 60],
          [0, 60],
        ],
      },
      {
        text: 'CASH',
        confidence: 0.5,
        corners: [
          [10, 60],
          [50, 60],
          [50, 80],
          [10, 80],
        ],
      },
    ]);
    expect(page.text).toBe('TOTAL 9.00\nCASH');
    expect(page.words).toEqual([
      { text: 'TOTAL', confidence: 98.7, box: { x0: 10, y0: 20, x1: 60, y1: 40 }, line: 0 },
      { text: '9.00', confidence: 98.7, box: { x0: 70, y0: 20, x1: 110, y1: 40 }, line: 0 },
      { text: 'CASH', confidence: 50, box: { x0: 10, y0: 60, x1: 50, y1: 80 }, line: 1 },
    ]);
  });

  it('folds full-width signs to their plain forms', () => {
    expect(wordsFromRows([{ text: '（M0517726）：', confidence: 1 }]).text).toBe('(M0517726):');
  });

  it('gives words of a row without corners an empty box', () => {
    expect(wordsFromRows([{ text: 'A', confidence: 1 }]).words[0]!.box).toEqual({ x0: 0, y0: 0, x1: 0, y1: 0 });
  });
});
