import type { Minor } from './money.js';

export interface AmountToken {
  readonly minor: Minor;
  readonly start: number;
  readonly end: number;
  /** A currency printed next to the amount: a symbol or an ISO code. */
  readonly currency?: string;
}

const CURRENCY_BEFORE = String.raw`€|\$|£|EUR|USD|GBP|CHF|US\$|SFR\.?|FR\.`;
// OCR often reads a trailing € as a lone E.
const CURRENCY_AFTER = String.raw`€|\$|£|EUR|USD|GBP|CHF|E(?![A-Za-z])`;
// Thousands groups ("1 234", "1.234", "1,234", "1'234") then a decimal separator and two digits;
// "12€50" is the French way of writing 12.50 and OCR keeps it. At most four groups (under a
// thousand billion): an unbounded chain was tried again from each group of a long run of them.
const DECIMAL_AMOUNT = new RegExp(
  String.raw`(?<![\d.,'])(?<sign>-)?(?<pre>(?:${CURRENCY_BEFORE})\s?)?(?<int>\d{1,3}(?:[ .,'’]\d{3}){1,4}|\d+)\s?(?<sep>[.,]|€)\s?(?<cents>\d{2})(?![.,]?\d)(?!\s?%)(?<post>\s?(?:${CURRENCY_AFTER}))?(?<trail>-(?![\d]))?`,
  'g',
);
// Whole amounts only count with a currency beside them ("45 €", "$12").
const WHOLE_AMOUNT = new RegExp(
  String.raw`(?<![\d.,])(?<sign>-\s?)?(?:(?<pre>€|\$|£|EUR|USD|GBP|CHF)\s?(?<a>\d{1,6})|(?<b>\d{1,6})\s?(?<post>€|EUR|CHF))(?![\d.,%])`,
  'g',
);

function currencyOf(text: string | undefined): string | undefined {
  const code = text?.trim().toUpperCase();
  return code === '' ? undefined : code;
}

/** Every amount printed on a line, left to right. Mask dates and identifiers first (see `maskSpans`). */
export function findAmounts(line: string): AmountToken[] {
  const found: AmountToken[] = [];
  for (const match of line.matchAll(DECIMAL_AMOUNT)) {
    const groups = match.groups!;
    if (groups.sep === '€' && (groups.pre || groups.post)) continue;
    // "SR 6 439.00", "Qty 470 465.34": a space groups thousands with a decimal comma (French), not
    // with a decimal point, where it parts a quantity from the amount after it.
    const spaced = groups.sep === '.' && !groups.pre && groups.int!.includes(' ');
    const int = spaced ? groups.int!.slice(groups.int!.lastIndexOf(' ') + 1) : groups.int!;
    const start = match.index + match[0].indexOf(groups.int!) + groups.int!.length - int.length;
    const whole = Number(int.replace(/[ .,'’]/g, ''));
    const parenthesised = line[match.index - 1] === '(' && line[match.index + match[0].length] === ')';
    const negative = Boolean(groups.sign) || Boolean(groups.trail) || parenthesised;
    const minor = whole * 100 + Number(groups.cents);
    const currency = currencyOf(groups.pre) ?? currencyOf(groups.post) ?? (groups.sep === '€' ? '€' : undefined);
    found.push({
      minor: negative ? -minor : minor,
      start: spaced ? start : match.index,
      end: match.index + match[0].length,
      ...(currency ? { currency } : {}),
    });
  }
  // Both kinds come left to right, decimal ones without overlaps: one pass tells a whole amount inside a decimal one.
  let decimal = 0;
  const decimals = found.length;
  for (const match of line.matchAll(WHOLE_AMOUNT)) {
    while (decimal < decimals && found[decimal]!.end <= match.index) decimal++;
    if (decimal < decimals && found[decimal]!.start < match.index + match[0].length) continue;
    const groups = match.groups!;
    const minor = Number(groups.a ?? groups.b) * 100;
    const currency = currencyOf(groups.pre) ?? currencyOf(groups.post);
    found.push({
      minor: groups.sign ? -minor : minor,
      start: match.index,
      end: match.index + match[0].length,
      ...(currency ? { currency } : {}),
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Blanks the given spans with spaces, keeping every other character where it was (in one copy of the line, not one per span). */
export function maskSpans(line: string, spans: readonly { readonly start: number; readonly end: number }[]): string {
  if (spans.length === 0) return line;
  const units = line.split('');
  for (const { start, end } of spans) units.fill(' ', start, end);
  return units.join('');
}
