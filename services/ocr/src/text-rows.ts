import type { OcrWord } from './ocr-page.js';

/** A row of a receipt as a detector that boxes whole rows gives it: its text, confidence and corners in pixels. */
export interface BoxedRow {
  readonly text: string;
  /** 0 to 1. */
  readonly confidence: number;
  readonly corners?: readonly (readonly number[])[];
}

/**
 * The page's text and words from rows read top to bottom: one text line per non-empty row, text
 * folded to compatibility forms (a Chinese-trained model writes full-width brackets and colons),
 * each word given a share of its row's box in proportion to its length; boxes divided by `scale`
 * (prepared image over upright image) and moved by `origin` (where a cropped image starts in the
 * upright one) so that they refer to the upright image.
 */
export function wordsFromRows(
  rows: readonly BoxedRow[],
  scale = 1,
  origin: { readonly left: number; readonly top: number } = { left: 0, top: 0 },
): { text: string; words: OcrWord[] } {
  const lines: string[] = [];
  const words: OcrWord[] = [];
  for (const row of rows) {
    const texts = row.text
      .normalize('NFKC')
      .trim()
      .split(/\s+/)
      .filter((text) => text !== '');
    if (texts.length === 0) continue;
    const xs = (row.corners ?? []).map((corner) => (corner[0] ?? 0) / scale + origin.left);
    const ys = (row.corners ?? []).map((corner) => (corner[1] ?? 0) / scale + origin.top);
    const [x0, x1] = xs.length === 0 ? [0, 0] : [Math.max(0, Math.min(...xs)), Math.max(...xs)];
    const [y0, y1] = ys.length === 0 ? [0, 0] : [Math.max(0, Math.round(Math.min(...ys))), Math.round(Math.max(...ys))];
    const perCharacter = (x1 - x0) / texts.join(' ').length;
    const confidence = Math.round(Math.min(1, Math.max(0, row.confidence)) * 1000) / 10;
    let offset = 0;
    for (const text of texts) {
      const box = { x0: Math.round(x0 + offset * perCharacter), y0, x1: Math.round(x0 + (offset + text.length) * perCharacter), y1 };
      words.push({ text, confidence, box, line: lines.length });
      offset += text.length + 1;
    }
    lines.push(texts.join(' '));
  }
  return { text: lines.join('\n'), words };
}
