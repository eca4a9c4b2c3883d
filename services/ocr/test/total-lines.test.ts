import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrPage, PaddleImage } from '../src/ocr.js';
import { rereadTotalLines, totalLinesWithoutAmount, type ReadImage } from '../src/total-lines.js';
import { wordsFromRows } from '../src/text-rows.js';

const row = (text: string, y0: number, y1: number) => ({
  text,
  confidence: 0.9,
  corners: [
    [20, y0],
    [300, y0],
    [300, y1],
    [20, y1],
  ],
});

/** A page of 400 × 200 pixels read from these rows. */
function pageOf(rows: ReturnType<typeof row>[]): OcrPage {
  const { text, words } = wordsFromRows(rows);
  return { text, words, confidence: 90, width: 400, height: 200, skew: 0, languages: ['ch_PP-OCRv4'] };
}

describe('total lines read again', () => {
  it('finds the lines naming a total without an amount, not those of quantities or a column header', () => {
    const page = pageOf([
      row('Item Qty Total', 0, 10),
      row('Total Qty 110', 10, 20),
      row('Sub Total 94.34', 20, 30),
      row('Total Inclusive GST: 1045', 30, 40),
      row('NET A PAYER', 40, 50),
      row('Montant TTC 12,50', 50, 60),
    ]);
    expect(totalLinesWithoutAmount(page)).toEqual([3, 4]);
  });

  it("reads the band of each such line again, scaled up, and keeps what holds an amount, its boxes in the page's pixels", async () => {
    const page = pageOf([row('CASH 50.00', 20, 40), row('TOTAL', 100, 120), row('GRAND TOTAL', 150, 170)]);
    // The prepared image: the page's region from (0, 50), at half scale.
    const prepared: PaddleImage = {
      image: await sharp({ create: { width: 200, height: 75, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
      width: 400,
      height: 200,
      skew: 0,
      scale: 0.5,
      left: 0,
      top: 50,
    };
    const asked: { width: number; height: number; scale: number; top: number }[] = [];
    const read: ReadImage = async (image, scale, origin) => {
      const { info } = await image.raw().toBuffer({ resolveWithObject: true });
      asked.push({ width: info.width, height: info.height, scale, top: origin.top });
      if (asked.length > 1) return wordsFromRows([row('GRAND TOTAL', 2, 12)], scale, origin);
      // Read top to bottom: the edge of the row above, the amount (a box of its own, a little higher), the label.
      const amount = {
        text: '9.50',
        confidence: 0.9,
        corners: [
          [320, 7],
          [380, 7],
          [380, 27],
          [320, 27],
        ],
      };
      return wordsFromRows([row('CASH', 0, 4), amount, row('TOTAL', 8, 28)], scale, origin);
    };
    const reread = await rereadTotalLines(page, prepared, read);
    expect(reread.text).toBe('CASH 50.00\nTOTAL 9.50\nGRAND TOTAL');
    // The TOTAL line's band (y 93 to 127 with its margin) in the prepared image, across its width, twice as large.
    expect(asked[0]).toEqual({ width: 400, height: 36, scale: 1, top: 92 });
    const total = reread.words.filter((word) => word.line === 1);
    expect(total.map((word) => word.text)).toEqual(['TOTAL', '9.50']);
    expect(total[0]!.box.y0).toBe(100);
    expect(reread.words.filter((word) => word.line === 0).map((word) => word.text)).toEqual(['CASH', '50.00']);
  });

  it('leaves the page as it was when no total line lacks its amount', async () => {
    const page = pageOf([row('TOTAL 9.50', 100, 120)]);
    const prepared: PaddleImage = { image: Buffer.alloc(0), width: 400, height: 200, skew: 0, scale: 1, left: 0, top: 0 };
    const read: ReadImage = () => Promise.reject(new Error('nothing to read again'));
    await expect(rereadTotalLines(page, prepared, read)).resolves.toBe(page);
  });
});
