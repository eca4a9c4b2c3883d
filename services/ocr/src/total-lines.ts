import sharp, { type Sharp } from 'sharp';
import type { OcrPage, OcrWord } from './ocr-page.js';
import type { PaddleImage } from './paddle-preparation.js';

// A total's label, in English and French; a line of quantities or a column header is not a total.
const TOTAL_LABEL = /\b(total|amount\s*due|grand\s*total|net\s*[aà]\s*payer|montant|rounded|ttc)\b/i;
const NOT_AN_AMOUNT = /\b(qty|qly|quantity|item|items|qt[eé]|description|price|prix)\b/i;
const AMOUNT = /\d[.,]\d{2}(?!\d)/;

/** Whether a line read with an amount holds one: digits, a decimal mark, two digits. */
export const holdsAmount = (text: string) => AMOUNT.test(text);

/**
 * The lines of the page that name a total and hold no amount beside it (the amount missed, or
 * read without its decimal mark): those worth reading again, larger.
 */
export function totalLinesWithoutAmount(page: Pick<OcrPage, 'text'>): number[] {
  return page.text
    .split('\n')
    .flatMap((line, index) => (TOTAL_LABEL.test(line) && !NOT_AN_AMOUNT.test(line) && !holdsAmount(line) ? [index] : []));
}

/**
 * The band of the page around a line's words, across the whole width (its amount may be a box of
 * its own, or missed), in the page's pixels; `y0` and `y1` the words' own top and bottom.
 */
export function lineBand(
  page: OcrPage,
  line: number,
): { left: number; top: number; width: number; height: number; y0: number; y1: number } | undefined {
  const words = page.words.filter((word) => word.line === line);
  if (words.length === 0) return undefined;
  const y0 = Math.min(...words.map((word) => word.box.y0));
  const y1 = Math.max(...words.map((word) => word.box.y1));
  const pad = Math.round((y1 - y0) * 0.35);
  const top = Math.max(0, y0 - pad);
  return { left: 0, top, width: page.width, height: Math.min(page.height, y1 + pad) - top, y0, y1 };
}

/** The page with some lines' text and words replaced by a second reading of them. */
export function withLinesReplaced(page: OcrPage, replacements: ReadonlyMap<number, { text: string; words: readonly OcrWord[] }>): OcrPage {
  if (replacements.size === 0) return page;
  const lines = page.text.split('\n').map((text, index) => replacements.get(index)?.text ?? text);
  const words = [
    ...page.words.filter((word) => !replacements.has(word.line)),
    ...[...replacements].flatMap(([line, replacement]) => replacement.words.map((word) => ({ ...word, line }))),
  ].sort((a, b) => a.line - b.line || a.box.x0 - b.box.x0);
  return { ...page, text: lines.join('\n'), words };
}

/** Reads an image: its text and words, boxes in the levelled page's pixels given the image's `scale` and `origin` there. */
export type ReadImage = (image: Sharp, scale: number, origin: { left: number; top: number }) => Promise<{ text: string; words: OcrWord[] }>;

// A total's line read again is scaled up by this much.
const REREAD_SCALE = 2;

/**
 * The page with its total lines that hold no amount read again: the band of the prepared image
 * around each, across its width, scaled up and read alone; kept when it then holds an amount.
 */
export async function rereadTotalLines(page: OcrPage, prepared: PaddleImage, read: ReadImage): Promise<OcrPage> {
  const lines = totalLinesWithoutAmount(page);
  if (lines.length === 0) return page;
  const replacements = new Map<number, { text: string; words: OcrWord[] }>();
  const { width, height } = await sharp(prepared.image).metadata();
  for (const line of lines) {
    const band = lineBand(page, line);
    if (!band) continue;
    const top = Math.max(0, Math.floor((band.top - prepared.top) * prepared.scale));
    const bottom = Math.min(height, Math.ceil((band.top + band.height - prepared.top) * prepared.scale));
    if (bottom - top < 4) continue;
    const cut = sharp(prepared.image)
      .extract({ left: 0, top, width, height: bottom - top })
      .resize({ width: Math.round(width * REREAD_SCALE), kernel: 'cubic' });
    const again = await read(cut, prepared.scale * REREAD_SCALE, { left: prepared.left, top: prepared.top + top / prepared.scale });
    // The band's margin may catch a neighbouring row: only words centred within the line's own height are kept, left to right.
    const words = again.words
      .filter((word) => (word.box.y0 + word.box.y1) / 2 >= band.y0 && (word.box.y0 + word.box.y1) / 2 <= band.y1)
      .sort((a, b) => a.box.x0 - b.box.x0);
    const text = words.map((word) => word.text).join(' ');
    if (holdsAmount(text)) replacements.set(line, { text, words });
  }
  return withLinesReplaced(page, replacements);
}
