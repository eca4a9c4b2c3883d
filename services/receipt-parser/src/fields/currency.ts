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
 * The currency the receipt is written in: the sign or code seen most often. Without any, a
 * French receipt is taken to be in euros, with a low confidence.
 */
export function findCurrency(foldedText: string, language: 'fr' | 'en' | null): Field<CurrencyCode> | null {
  const scores = new Map<CurrencyCode, number>();
  for (const { code, pattern, weight } of SIGNS) {
    const count = foldedText.match(pattern)?.length ?? 0;
    if (count > 0) scores.set(code, (scores.get(code) ?? 0) + count * weight);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return language === 'fr' ? { value: 'EUR', confidence: 0.4 } : null;
  const margin = second ? first[1] / (first[1] + second[1]) : 1;
  const confidence = Math.min(0.98, 0.5 + 0.1 * first[1]) * margin;
  return { value: first[0], confidence: Number(confidence.toFixed(2)) };
}
