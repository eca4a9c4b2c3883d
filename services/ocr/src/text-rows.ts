import type { OcrWord } from './ocr-page.js';

/** A piece of a receipt's line as a text detector boxes it: its text, confidence and corners in pixels. */
export interface BoxedRow {
  readonly text: string;
  /** 0 to 1. */
  readonly confidence: number;
  /** Top-left, top-right, bottom-right, bottom-left. */
  readonly corners?: readonly (readonly number[])[];
}

interface Piece {
  readonly words: readonly string[];
  readonly confidence: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** The slope of its top edge (dy / dx), when it has corners. */
  readonly slope: number | undefined;
  readonly boxed: boolean;
}

/** Where a cropped image starts in the upright one. */
interface Origin {
  readonly left: number;
  readonly top: number;
}

function pieceOf(row: BoxedRow, scale: number, origin: Origin): Piece | undefined {
  const words = row.text
    .normalize('NFKC')
    .trim()
    .split(/\s+/)
    .filter((text) => text !== '');
  if (words.length === 0) return undefined;
  const corners = row.corners ?? [];
  const xs = corners.map((corner) => (corner[0] ?? 0) / scale + origin.left);
  const ys = corners.map((corner) => (corner[1] ?? 0) / scale + origin.top);
  const [x0, x1] = xs.length === 0 ? [0, 0] : [Math.max(0, Math.min(...xs)), Math.max(...xs)];
  const [y0, y1] = ys.length === 0 ? [0, 0] : [Math.max(0, Math.min(...ys)), Math.max(...ys)];
  const [topLeft, topRight] = corners;
  const run = (topRight?.[0] ?? 0) - (topLeft?.[0] ?? 0);
  const slope = topLeft && topRight && run > 0 ? ((topRight[1] ?? 0) - (topLeft[1] ?? 0)) / run : undefined;
  return { words, confidence: row.confidence, x0, x1, y0, y1, slope, boxed: corners.length > 0 };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * The pieces put together into the receipt's lines. A detector boxes a label and its amount apart
 * when a wide gap parts them ("NET A PAYER ... 72,44"), and lists the boxes in no reading order:
 * pieces whose middles lie at the same height, once the page's slant is taken out, are one line,
 * read left to right. A piece overlapping another of the line sideways starts a line of its own.
 */
function intoLines(pieces: readonly Piece[]): Piece[][] {
  if (!pieces.every((piece) => piece.boxed)) return pieces.map((piece) => [piece]);
  // Long pieces give the slant best; a photo's is the same over the page.
  const slant = median(
    pieces.filter((piece) => piece.slope !== undefined && piece.x1 - piece.x0 > 2 * (piece.y1 - piece.y0)).map((piece) => piece.slope!),
  );
  const level = (piece: Piece) => (piece.y0 + piece.y1) / 2 - slant * ((piece.x0 + piece.x1) / 2);
  const lines: { middle: number; height: number; pieces: Piece[] }[] = [];
  for (const piece of [...pieces].sort((a, b) => level(a) - level(b))) {
    const height = piece.y1 - piece.y0;
    const line = lines.at(-1);
    const sameHeight = line && Math.abs(level(piece) - line.middle) <= Math.min(height, line.height) / 2;
    const besideTheOthers = line?.pieces.every((other) => piece.x0 >= other.x1 - height / 2 || piece.x1 <= other.x0 + height / 2);
    if (line && sameHeight && besideTheOthers) {
      line.pieces.push(piece);
      line.middle = (line.middle * (line.pieces.length - 1) + level(piece)) / line.pieces.length;
      line.height = Math.max(line.height, height);
    } else lines.push({ middle: level(piece), height, pieces: [piece] });
  }
  return lines.map((line) => line.pieces.sort((a, b) => a.x0 - b.x0));
}

/**
 * The page's text and words from the pieces a detector boxed: one text line per line of the
 * receipt, text folded to compatibility forms (a Chinese-trained model writes full-width brackets
 * and colons), each word given a share of its piece's box in proportion to its length; boxes
 * divided by `scale` (prepared image over upright image) and moved by `origin` (where a cropped
 * image starts in the upright one) so that they refer to the upright image.
 */
export function wordsFromRows(
  rows: readonly BoxedRow[],
  scale = 1,
  origin: Origin = { left: 0, top: 0 },
): { text: string; words: OcrWord[] } {
  const pieces = rows.map((row) => pieceOf(row, scale, origin)).filter((piece): piece is Piece => piece !== undefined);
  const words: OcrWord[] = [];
  const lines = intoLines(pieces).map((line, index) =>
    line
      .map((piece) => {
        const perCharacter = (piece.x1 - piece.x0) / piece.words.join(' ').length;
        const confidence = Math.round(Math.min(1, Math.max(0, piece.confidence)) * 1000) / 10;
        const [y0, y1] = [Math.round(piece.y0), Math.round(piece.y1)];
        let offset = 0;
        for (const text of piece.words) {
          const box = {
            x0: Math.round(piece.x0 + offset * perCharacter),
            y0,
            x1: Math.round(piece.x0 + (offset + text.length) * perCharacter),
            y1,
          };
          words.push({ text, confidence, box, line: index });
          offset += text.length + 1;
        }
        return piece.words.join(' ');
      })
      .join(' '),
  );
  return { text: lines.join('\n'), words };
}
