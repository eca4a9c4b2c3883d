import { cleanLine, labelOf } from './normalize.js';

export interface Line {
  readonly index: number;
  /** The line's number in the text given, empty lines counted (OCR words refer to it). */
  readonly source: number;
  /** Cleaned text (spaces unified, OCR digit fixes). */
  readonly text: string;
  /** Folded uppercase text for keyword matching. */
  readonly label: string;
}

/** Splits a page's text into its non-empty lines, keeping their order. */
export function splitLines(text: string): Line[] {
  return text
    .split(/\r?\n|\r/)
    .map((raw, source) => ({ source, text: cleanLine(raw) }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ source, text }, index) => ({ index, source, text, label: labelOf(text) }));
}
