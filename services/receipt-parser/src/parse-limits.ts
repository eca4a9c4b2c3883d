import type { ParseInput } from './fields/types.js';

export interface ParseLimits {
  /** Characters of one line read; the rest of a longer line is left out. */
  readonly maxLineChars: number;
  /** Characters of the whole text read; the rest is left out. */
  readonly maxTextChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  // A till roll prints 32 to 56 columns and an A4 invoice line about 150 characters; a PDF's text
  // layer may run a table row's cells into one line. A thousand is several times any of them.
  maxLineChars: 1_000,
  // A receipt has at most 20 pages (MAX_RECEIPT_PAGES), and a dense A4 page about 5,000 characters.
  maxTextChars: 100_000,
};

/**
 * The input as the parser reads it: each line cut at `maxLineChars`, then the text at
 * `maxTextChars`, line numbers kept (OCR words refer to them), and no more OCR words than
 * characters, since each word is at least one of them.
 */
export function capInput(input: ParseInput, limits: ParseLimits): ParseInput {
  // Lines first: one huge line does not hide the receipt's lines after it.
  const lines = input.text
    .split(/(\r?\n|\r)/)
    .map((part) => (part.length > limits.maxLineChars ? part.slice(0, limits.maxLineChars) : part))
    .join('');
  const capped = lines.length > limits.maxTextChars ? lines.slice(0, limits.maxTextChars) : lines;
  const words = input.words && input.words.length > limits.maxTextChars ? input.words.slice(0, limits.maxTextChars) : input.words;
  return { text: capped, ...(words ? { words } : {}) };
}
