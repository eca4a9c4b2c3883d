import type { CurrencyCode, Field } from './types.js';

const SIGNS: readonly { readonly code: CurrencyCode; readonly pattern: RegExp; readonly weight: number }[] = [
  { code: 'EUR', pattern: /€|(?<![A-Z])EUR(?:OS?)?(?![A-Z])/g, weight: 1 },
  { code: 'GBP', pattern: /£|(?<![A-Z])GBP(?![A-Z])/g, weight: 1 },
  { code: 'USD', pattern: /\$|(?<![A-Z])USD(?![A-Z])/g, weight: 1 },
  { code: 'CHF', pattern: /(?<![A-Z])(?:CHF|SFR)(?![A-Z])|\bFR\.\s?\d/g, weight: 1.5 },
  // OCR reads "€" as "E" right after an amount ("12,50 E").
  { code: 'EUR', pattern: /\d[.,]\d{2}\s?E\b/g, weight: 0.5 },
  // The country of the merchant's VAT number, for a receipt whose signs the OCR did not read
  // (PaddleOCR's models have no € nor £): a sign or a code printed outweighs it.
  { code: 'EUR', pattern: /(?<![A-Z])(?:FR|DE|BE|NL|LU|IT|ES|PT|AT|IE|FI)\s?[0-9A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{1,3}/g, weight: 0.4 },
  { code: 'GBP', pattern: /(?<![A-Z])GB\s?\d{3}\s?\d{4}\s?\d{2}/g, weight: 0.4 },
  { code: 'CHF', pattern: /(?<![A-Z])CHE[\s-]?\d{3}\.?\d{3}\.?\d{3}/g, weight: 0.4 },
];

/**
 * The currency the receipt's signs and codes say: the one seen most often (a merchant's VAT number
 * counts for less than a sign printed). Null when the OCR read none.
 */
export function currencyFromSigns(foldedText: string): Field<CurrencyCode> | null {
  const scores = new Map<CurrencyCode, number>();
  for (const { code, pattern, weight } of SIGNS) {
    const count = foldedText.match(pattern)?.length ?? 0;
    if (count > 0) scores.set(code, (scores.get(code) ?? 0) + count * weight);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return null;
  const margin = second ? first[1] / (first[1] + second[1]) : 1;
  const confidence = Math.min(0.98, 0.5 + 0.1 * first[1]) * margin;
  return { value: first[0], confidence: Number(confidence.toFixed(2)) };
}

/** Without any clue on the receipt, a French receipt is taken to be in euros, with a low confidence. */
export function currencyOfLanguage(language: 'fr' | 'en' | null): Field<CurrencyCode> | null {
  return language === 'fr' ? { value: 'EUR', confidence: 0.4 } : null;
}
