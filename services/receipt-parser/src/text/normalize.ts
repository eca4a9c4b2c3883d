/** Removes accents and uppercases, so that keywords match "Net à payer", "NET A PAYER" and "net a payer" alike. */
export function foldForKeywords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

const LETTER_AS_DIGIT: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  '!': '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
  G: '6',
};
// What a repaired token must look like: an amount with cents or a date.
const FIXED_SHAPES = /^(?:\d{1,3}(?:[.,']\d{3})*[.,]\d{2}|\d+[.,]\d{2}|\d{1,4}([/.-])\d{1,2}\1\d{2,4})$/;
const RATE_SHAPE = /^\d{1,2}(?:[.,]\d{1,3})?$/;
const NUMBER_LIKE = /^([-+(]?[€$£]?)([0-9OoDQlIi|!SsBZzG]+(?:[ .,/'-][0-9OoDQlIi|!SsBZzG]+)*)([€$£%)]?-?[.:;]?)$/;

/**
 * OCR reads 0 as O, 1 as l or I, 5 as S: inside a token that is mostly digits and has a
 * separator (an amount "l2,5O", a date "12/O3/2024"), such letters are put back as digits.
 * Words ("TOTAL", "SOLDE") have too few digits to be touched.
 */
function fixToken(token: string): string {
  // "S57.29": a dollar sign read as S, not a 5 (an amount starts with a digit or a sign).
  const dollar = /^[Ss](\d.*)$/.exec(token);
  if (dollar && FIXED_SHAPES.test(dollar[1]!.replace(/[.:;]$/, ''))) return `$${dollar[1]}`;
  const match = NUMBER_LIKE.exec(token);
  if (!match) return token;
  const body = match[2]!;
  const digits = body.replace(/\D/g, '').length;
  const letters = body.replace(/[\d .,/'-]/g, '').length;
  if (letters === 0 || digits === 0 || letters > digits + 1) return token;
  const fixed = body.replace(/[OoDQlIi|!SsBZzG]/g, (letter) => LETTER_AS_DIGIT[letter]!);
  const shaped = FIXED_SHAPES.test(fixed) || (match[3]!.startsWith('%') && RATE_SHAPE.test(fixed));
  return shaped ? match[1]! + fixed + match[3]! : token;
}

// "TVAB.1%": a rate's first digit read as a letter and glued to its label.
const LETTER_BEFORE_RATE = /(?<=[A-Za-z])[BOSlI](?=[.,]\d{1,3}\s?%)/g;

// An OCR that boxes whole rows (PaddleOCR) drops spaces: "dontTVA 10%", "NYTax8.25%", "10%422.9342.29465.22".
const VAT_GLUED_TO_WORD = /(?<=[A-Za-z])(?=(?:TVA|VAT|Tax|TAX|MWST)(?:[\s\d%:]|$))/g;
const RATE_GLUED_TO_WORD = /(?<=[A-Za-z])(?=\d{1,2}(?:[.,]\d{1,3})?\s?%)/g;
const AMOUNT_AFTER_RATE = /(?<=\d\s?%)(?=\d)/g;
// Amounts with cents glued end to end: every one is read with its two decimals ("42.29465.22": 42.29 and 465.22).
const GLUED_AMOUNTS = /(?<![\d.,])(?:\d+\.\d{2}){2,}(?![\d]|[.,]\d)|(?<![\d.,])(?:\d+,\d{2}){2,}(?![\d]|[.,]\d)/g;

// "CHF-30.08": the space after a currency's code read as a dash; a refund prints its sign before the code or apart ("-30.08 CHF", "CHF -30.08").
const DASH_AFTER_CODE = /(?<![A-Z])(CHF|EUR|USD|GBP|CAD|AUD|MYR|RM)-(?=\d+[.,]\d{2}(?!\d))/g;

function spacedAmounts(glued: string): string {
  return glued.replace(/\d+[.,]\d{2}(?=\d)/g, (amount) => `${amount} `);
}

/** One line as the extractors read it: spaces unified, glued rates and amounts parted, OCR letter-for-digit mistakes fixed in numbers. */
export function cleanLine(line: string): string {
  const spaced = line
    .replace(/[\u00a0\u202f\u2007\t]/g, ' ')
    .replace(/[\u2212\u2013\u2014]/g, '-')
    .trimEnd()
    .replace(LETTER_BEFORE_RATE, (letter) => LETTER_AS_DIGIT[letter]!)
    .replace(VAT_GLUED_TO_WORD, ' ')
    .replace(RATE_GLUED_TO_WORD, ' ')
    .replace(AMOUNT_AFTER_RATE, ' ')
    .replace(GLUED_AMOUNTS, spacedAmounts)
    .replace(DASH_AFTER_CODE, '$1 ');
  return spaced
    .split(/( +)/)
    .map((part) => (part.trim() === '' ? part : fixToken(part)))
    .join('');
}

// TOTAL as OCR misreads its first or last letter: "[OTAL", "LOTAL", "IOTAL", "TOTA!", "TOTA|".
const TOTAL_SLIPS = /(?:\[|\b[LI])OTA[L1I!|]|\bTOTA[!|]/g;

/** A label as keywords see it: folded, with digits that sit inside words read back as letters ("T0TAL", "TV A"), and TOTAL's slips as TOTAL. */
export function labelOf(line: string): string {
  return foldForKeywords(line)
    .replace(/(?<=[A-Z])0|0(?=[A-Z]{2})/g, 'O')
    .replace(/(?<=[A-Z]{2})1(?=[A-Z])/g, 'I')
    .replace(/(?<=[A-Z])5(?=[A-Z])/g, 'S')
    .replace(TOTAL_SLIPS, 'TOTAL');
}
