import { cleanLine, labelOf } from './normalize.js';

export interface Line {
  readonly index: number;
  /** Cleaned text (spaces unified, OCR digit fixes). */
  readonly text: string;
  /** Folded uppercase text for keyword matching. */
  readonly label: string;
}

/** Splits a page's text into its non-empty lines, keeping their order. */
export function splitLines(text: string): Line[] {
  return text
    .split(/\r?\n|\r/)
    .map((raw) => cleanLine(raw))
    .filter((text) => text.trim() !== '')
    .map((text, index) => ({ index, text, label: labelOf(text) }));
}
