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

  const box = (x0: number, y0: number, x1: number, y1: number, rise = 0) => [
    [x0, y0],
    [x1, y0 + rise],
    [x1, y1 + rise],
    [x0, y1],
  ];

  it('joins a label and its amount boxed apart at the same height into one line, read left to right', () => {
    const page = wordsFromRows([
      { text: '72,44', confidence: 0.99, corners: box(400, 102, 470, 122) },
      { text: 'NET A PAYER', confidence: 0.98, corners: box(10, 100, 160, 120) },
      { text: 'ESPECES', confidence: 0.97, corners: box(10, 130, 110, 150) },
      { text: '80,00', confidence: 0.96, corners: box(400, 131, 470, 151) },
    ]);
    expect(page.text).toBe('NET A PAYER 72,44\nESPECES 80,00');
    expect(page.words.map((word) => [word.text, word.line])).toEqual([
      ['NET', 0],
      ['A', 0],
      ['PAYER', 0],
      ['72,44', 0],
      ['ESPECES', 1],
      ['80,00', 1],
    ]);
  });

  it('takes the slant of a photo out before matching heights', () => {
    // Lines rise 40 px over 800 (2.9°): the amount at the right sits at the height of the next line's label.
    const page = wordsFromRows([
      { text: 'TOTAL TTC', confidence: 0.99, corners: box(10, 200, 400, 220, -20) },
      { text: '12,50', confidence: 0.99, corners: box(700, 165, 790, 185, -4) },
      { text: 'CB', confidence: 0.99, corners: box(10, 225, 300, 245, -15) },
      { text: '12,50', confidence: 0.99, corners: box(700, 190, 790, 210, -4) },
    ]);
    expect(page.text).toBe('TOTAL TTC 12,50\nCB 12,50');
  });

  it('keeps pieces that overlap sideways on lines of their own, however close', () => {
    const page = wordsFromRows([
      { text: 'Menu du jour', confidence: 0.9, corners: box(10, 100, 200, 120) },
      { text: '2 x 14,50', confidence: 0.9, corners: box(30, 109, 180, 129) },
    ]);
    expect(page.text).toBe('Menu du jour\n2 x 14,50');
  });
});
