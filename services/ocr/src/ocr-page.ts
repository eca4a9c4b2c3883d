/** The OCR result of one page, as stored beside the receipt and read by the receipt parser. */
export interface OcrPage {
  /** The page's text, one line of the receipt per line. */
  readonly text: string;
  /** Mean word confidence, 0 to 100. */
  readonly confidence: number;
  /** Size of the image the boxes refer to: upright (EXIF orientation applied) and turned level by `skew` degrees. */
  readonly width: number;
  readonly height: number;
  readonly skew: number;
  readonly words: readonly OcrWord[];
  readonly languages: readonly string[];
}

export interface OcrWord {
  readonly text: string;
  /** 0 to 100, as tesseract reports it. */
  readonly confidence: number;
  /** Pixels in the levelled upright image: left, top, right, bottom. */
  readonly box: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  /** Index of the word's line in `text`. */
  readonly line: number;
}

/** The parts of a tesseract.js result with `blocks: true` that the page is made from. */
export interface TesseractBlocks {
  readonly blocks?:
    | readonly {
        readonly paragraphs: readonly {
          readonly lines: readonly {
            readonly words: readonly {
              readonly text: string;
              readonly confidence: number;
              readonly bbox: { x0: number; y0: number; x1: number; y1: number };
            }[];
          }[];
        }[];
      }[]
    | null;
}

/**
 * Builds the page from tesseract's blocks: one text line per recognised line, words joined by
 * one space, boxes scaled back to the upright image.
 */
export function toOcrPage(
  result: TesseractBlocks,
  { width, height, scale, skew, languages }: { width: number; height: number; scale: number; skew: number; languages: readonly string[] },
): OcrPage {
  const lines: string[] = [];
  const words: OcrWord[] = [];
  const unscale = (value: number) => Math.round(value / scale);
  for (const block of result.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const texts = line.words.map((word) => word.text.trim()).filter((text) => text !== '');
        if (texts.length === 0) continue;
        for (const word of line.words) {
          if (word.text.trim() === '') continue;
          words.push({
            text: word.text.trim(),
            confidence: Math.round(word.confidence * 10) / 10,
            box: { x0: unscale(word.bbox.x0), y0: unscale(word.bbox.y0), x1: unscale(word.bbox.x1), y1: unscale(word.bbox.y1) },
            line: lines.length,
          });
        }
        lines.push(texts.join(' '));
      }
    }
  }
  return { text: lines.join('\n'), confidence: meanConfidence(words), width, height, skew, words, languages };
}

/** The page's confidence: its words' mean, to one decimal, 0 when it has none. */
export function meanConfidence(words: readonly OcrWord[]): number {
  return words.length === 0 ? 0 : Math.round((words.reduce((sum, word) => sum + word.confidence, 0) / words.length) * 10) / 10;
}
