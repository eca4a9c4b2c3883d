import type { Field } from './types.js';
import { foldForKeywords } from '../text/normalize.js';

// EU VAT identification numbers (plus the UK's and Switzerland's), after the country prefix,
// with spaces, dots and dashes removed. O/0 and I/1 confusions are fixed for digit positions.
const FORMATS: Record<string, RegExp> = {
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  DE: /^\d{9}$/,
  BE: /^[01]\d{9}$/,
  NL: /^\d{9}B\d{2}$/,
  LU: /^\d{8}$/,
  IT: /^\d{11}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  PT: /^\d{9}$/,
  AT: /^U\d{8}$/,
  IE: /^\d{7}[A-W][A-I]?$|^\d[A-Z+*]\d{5}[A-W]$/,
  DK: /^\d{8}$/,
  FI: /^\d{8}$/,
  SE: /^\d{12}$/,
  PL: /^\d{10}$/,
  CZ: /^\d{8,10}$/,
  GB: /^\d{9}(?:\d{3})?$/,
  CHE: /^\d{9}$/,
};

const CANDIDATE = /\b(FR|DE|BE|NL|LU|IT|ES|PT|AT|IE|DK|FI|SE|PL|CZ|GB|CHE)[\s.:-]*([0-9A-Z][0-9A-Z\s.-]{6,18}[0-9A-Z])/g;
const LABEL = /T\.?V\.?A|VAT|INTRACOM|IDENTIFICATION|N\s*°\s*TVA|UST-?ID|MWST|P\.?\s*IVA|\bNIF\b|\bUID\b|\bBTW\b/;

/** The French key: two digits that check the SIREN, (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchKeyIsValid(key: string, siren: string): boolean {
  if (!/^\d{2}$/.test(key)) return true; // alphanumeric keys (new entities) use another scheme, not checked here
  return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
}

function zeroMisreadingsOf(digits: string): string[] {
  return [...digits].flatMap((digit, index) => ('689'.includes(digit) ? [`${digits.slice(0, index)}0${digits.slice(index + 1)}`] : []));
}

function asDigits(text: string): string {
  return text.replace(/[O]/g, '0').replace(/[IL]/g, '1').replace(/S/g, '5');
}

function normalise(country: string, rest: string): string | undefined {
  const compact = rest.replace(/[\s.-]/g, '');
  const format = FORMATS[country]!;
  // A Dutch number's B is read as 8 as often as its digits' 0 as O.
  const dutch =
    country === 'NL' ? asDigits(compact.slice(0, 9)) + compact.slice(9, 10).replace('8', 'B') + asDigits(compact.slice(10)) : compact;
  for (const attempt of [compact, asDigits(compact), dutch]) {
    for (let length = attempt.length; length >= 7; length--) {
      const candidate = attempt.slice(0, length);
      if (format.test(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The merchant's VAT number, printed as "TVA FR 12 345678901", "VAT No: GB123 4567 89",
 * "CHE-123.456.789 TVA". A French number whose key does not check is kept with a low confidence.
 */
export function findVatNumber(lines: readonly string[]): Field<string> | null {
  let best: Field<string> | null = null;
  for (const line of lines) {
    const folded = foldForKeywords(line);
    const labelled = LABEL.test(folded);
    for (const match of folded.matchAll(CANDIDATE)) {
      const country = match[1]!;
      // Without a label, only a prefix glued to its number ("FR40303265045") is trusted: "DE" and "ES" are words too.
      if (!labelled && !/^[A-Z]{2,3}[0-9]/.test(match[0])) continue;
      const number = normalise(country, match[2]!);
      if (!number) continue;
      let confidence = labelled ? 0.8 : 0.55;
      let checked = number;
      if (country === 'FR') {
        const valid = (digits: string) => frenchKeyIsValid(digits.slice(0, 2), digits.slice(2));
        // OCR reads a slashed zero as 8, 6 or 9: a key that checks once one of them is a 0 again.
        const repaired = valid(number) ? number : zeroMisreadingsOf(number).find(valid);
        checked = repaired ?? number;
        confidence = repaired === number ? Math.min(0.99, confidence + 0.19) : repaired ? 0.7 : 0.3;
      }
      const value = country === 'CHE' ? `CHE-${checked.slice(0, 3)}.${checked.slice(3, 6)}.${checked.slice(6)}` : country + checked;
      if (!best || confidence > best.confidence) best = { value, confidence };
    }
  }
  return best;
}
