import { holdsAmount } from './truth.js';

export const WRONG_TOTAL_KINDS = ['none', 'subtotal', 'tax', 'cash', 'change', 'rounding', 'other'] as const;
export type WrongTotalKind = (typeof WRONG_TOTAL_KINDS)[number];

// In the order they are tried: "TOTAL EXCL GST" is a subtotal before it is a tax line, "CASH CHANGE" a change.
const LABELS: readonly [Exclude<WrongTotalKind, 'none' | 'other'>, RegExp][] = [
  ['rounding', /ROUND|ARRONDI/],
  ['change', /CHANGE|RENDU|MONNAIE/],
  ['cash', /CASH|TENDER|ESP[EÈ]CES|RECEIVED|PAID|PAYMENT|VISA|MASTERCARD|CARD|CB\b/],
  ['subtotal', /SUB[\s-]*TOTAL|SOUS[\s-]*TOTAL|EXCL|\bHT\b|BEFORE/],
  ['tax', /GST|TAX|TVA|VAT|SST/],
];

/**
 * Which amount the parser took instead of the total, by the label of a line of the text that
 * holds it: a subtotal, the tax, the cash tendered, the change, a rounding line, or another
 * amount (an item, a line without a label); `none` when it took none.
 */
export function wrongTotalKind(text: string, chosen: string | undefined): WrongTotalKind {
  if (chosen === undefined) return 'none';
  const lines = text
    .toUpperCase()
    .split('\n')
    .filter((line) => holdsAmount(line, chosen));
  for (const [kind, label] of LABELS) if (lines.some((line) => label.test(line))) return kind;
  return 'other';
}
