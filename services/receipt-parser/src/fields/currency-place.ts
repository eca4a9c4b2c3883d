import type { RateMilli } from '../text/money.js';
import { EUROPEAN_VAT, NON_EUROPEAN_TAX } from './keywords.js';
import type { CurrencyCode, Field } from './types.js';

// The place a receipt was written, for the currency of one whose signs the OCR did not read
// (PaddleOCR's models have neither € nor £): a British postcode in its header, or VAT rates
// that only one currency's countries charge.

/**
 * The VAT rates in force (thousandths of a percent) in the countries the platform's employees
 * most often claim from, whose currencies the parser reads; Switzerland's before 2024 too, as
 * receipts are claimed late. A country missing here gives no clue: the receipt keeps its other ones.
 */
const VAT_RATES: readonly { readonly country: string; readonly currency: CurrencyCode; readonly rates: readonly RateMilli[] }[] = [
  { country: 'FR', currency: 'EUR', rates: [20_000, 10_000, 5_500, 2_100] },
  { country: 'DE', currency: 'EUR', rates: [19_000, 7_000] },
  { country: 'NL', currency: 'EUR', rates: [21_000, 9_000] },
  { country: 'BE', currency: 'EUR', rates: [21_000, 12_000, 6_000] },
  { country: 'LU', currency: 'EUR', rates: [17_000, 14_000, 8_000, 3_000] },
  { country: 'IT', currency: 'EUR', rates: [22_000, 10_000, 5_000, 4_000] },
  { country: 'ES', currency: 'EUR', rates: [21_000, 10_000, 4_000] },
  { country: 'PT', currency: 'EUR', rates: [23_000, 13_000, 6_000] },
  { country: 'AT', currency: 'EUR', rates: [20_000, 13_000, 10_000] },
  { country: 'IE', currency: 'EUR', rates: [23_000, 13_500, 9_000, 4_800] },
  { country: 'GB', currency: 'GBP', rates: [20_000, 5_000] },
  { country: 'CH', currency: 'CHF', rates: [8_100, 3_800, 2_600, 7_700, 3_700, 2_500] },
];

/** A currency the parser does not read, printed by its code (and Malaysia's RM): the place's currency is not one of these. */
const OTHER_CURRENCY = /(?<![A-Z])(?:PLN|CZK|HUF|SEK|DKK|NOK|RON|BGN|TRY|MYR|RM|SGD|HKD|JPY|CNY|RMB|INR|THB|AED|MAD|TND|CAD|AUD)(?![A-Z])/;

/** A postcode of Great Britain with the town beside it ("MANCHESTER M1 1AE"), anywhere on the line. */
const BRITISH_POSTCODE = /(?<![A-Z0-9])[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}(?![A-Z0-9])/;
const TOWN_WORD = /[A-Z]{3,}/;
/** Where a merchant's address is printed: the first lines. */
const HEADER_LINES = 8;

function currencyOfRates(foldedText: string, rates: readonly RateMilli[]): CurrencyCode | null {
  const charged = rates.filter((rate) => rate > 0);
  if (charged.length === 0 || !EUROPEAN_VAT.test(foldedText) || NON_EUROPEAN_TAX.test(foldedText)) return null;
  const currencies = new Set(
    VAT_RATES.filter((country) => charged.every((rate) => country.rates.includes(rate))).map((country) => country.currency),
  );
  return currencies.size === 1 ? [...currencies][0]! : null;
}

function currencyOfAddress(foldedLines: readonly string[]): CurrencyCode | null {
  const british = foldedLines
    .slice(0, HEADER_LINES)
    .some((line) => BRITISH_POSTCODE.test(line) && TOWN_WORD.test(line.replace(BRITISH_POSTCODE, '')));
  return british ? 'GBP' : null;
}

/**
 * The currency of the place the receipt was written, from its address and its VAT rates; a
 * suggestion (0.5, 0.6 when both agree), null when they disagree or say nothing, or when the
 * receipt prints a currency the parser does not read (a Polish receipt's 23 % is Portugal's too).
 */
export function currencyOfPlace(foldedText: string, rates: readonly RateMilli[]): Field<CurrencyCode> | null {
  if (OTHER_CURRENCY.test(foldedText)) return null;
  const clues = [currencyOfAddress(foldedText.split('\n')), currencyOfRates(foldedText, rates)].filter(
    (clue): clue is CurrencyCode => clue !== null,
  );
  const [first] = clues;
  if (first === undefined || clues.some((clue) => clue !== first)) return null;
  return { value: first, confidence: clues.length === 2 ? 0.6 : 0.5 };
}
