import { currencyFromSigns, currencyOfLanguage } from './fields/currency.js';
import { currencyOfPlace } from './fields/currency-place.js';
import { findExpenseDate } from './fields/date.js';
import { ENGLISH_WORDS, FRENCH_WORDS } from './fields/keywords.js';
import { factsOf } from './fields/line-facts.js';
import { findMerchant } from './fields/merchant.js';
import { exclVatCandidates, findTotalExclVat, findTotalInclVat } from './fields/totals.js';
import type { Field, ParseInput, ParseOptions, ReceiptFields, WordConfidence } from './fields/types.js';
import { vatLinesField } from './fields/vat-field.js';
import { findVatNumber } from './fields/vat-number.js';
import { readable, unreadableFields } from './fields/unreadable.js';
import { DEFAULT_PARSE_LIMITS, capInput } from './parse-limits.js';
import { findVatCandidates } from './fields/vat-lines.js';
import { repairSingleRateVat, summariseVat } from './fields/vat-summary.js';
import { dropEdgeNoise } from './text/edge-noise.js';
import { splitLines } from './text/lines.js';
import { toDecimalString, type Minor } from './text/money.js';
import { foldForKeywords } from './text/normalize.js';

function languageOf(folded: string): 'fr' | 'en' | null {
  const french = folded.match(FRENCH_WORDS)?.length ?? 0;
  const english = folded.match(ENGLISH_WORDS)?.length ?? 0;
  if (french === english) return null;
  return french > english ? 'fr' : 'en';
}

/** Mean OCR confidence of the words of a text, when the OCR engine's words are given. */
function wordConfidenceLookup(words: readonly WordConfidence[] | undefined): (text: string) => number | undefined {
  if (!words || words.length === 0) return () => undefined;
  const byText = new Map<string, number[]>();
  for (const word of words) {
    const confidences = byText.get(word.text);
    if (confidences) confidences.push(word.confidence);
    else byText.set(word.text, [word.confidence]);
  }
  return (text) => {
    const found = text.split(/\s+/).flatMap((word) => byText.get(word) ?? []);
    return found.length === 0 ? undefined : found.reduce((sum, confidence) => sum + confidence, 0) / found.length;
  };
}

function money(value: Minor, confidence: number, ocr: number | undefined): Field<string> {
  const scaled = ocr === undefined ? confidence : confidence * Math.min(1, 0.5 + ocr / 200);
  return { value: toDecimalString(value), confidence: Number(scaled.toFixed(2)) };
}

/**
 * Reads a receipt's fields from its text (OCR output or a PDF's text layer), each with a
 * confidence. Pure: the same text always gives the same fields. Past its caps (parse-limits.ts),
 * a text is read in part: the time a text takes stays within a bound, whatever its shape.
 */
export function parseReceipt(uncapped: ParseInput, options: ParseOptions = {}): ReceiptFields {
  const input = capInput(uncapped, { ...DEFAULT_PARSE_LIMITS, ...options.limits });
  const text = dropEdgeNoise(input.text, input.words);
  const lines = splitLines(text);
  const folded = foldForKeywords(lines.map((line) => line.text).join('\n'));
  const language = languageOf(folded);
  const signs = currencyFromSigns(folded);
  const monthFirst = language === 'en' && signs?.value === 'USD';
  const facts = lines.map((line) => factsOf(line, { monthFirst }));
  const wordConfidence = wordConfidenceLookup(input.words);
  const ocrOf = (value: Minor) => wordConfidence(toDecimalString(value).replace('.', ',')) ?? wordConfidence(toDecimalString(value));

  const printedVat = summariseVat(findVatCandidates(facts));
  const basesTotal =
    printedVat && printedVat.lines.every((line) => line.base !== undefined)
      ? printedVat.lines.reduce((sum, line) => sum + line.base!, 0)
      : undefined;
  const htCandidates = exclVatCandidates(facts);
  const ttc = findTotalInclVat(
    facts,
    htCandidates.map((candidate) => candidate.value),
    { vatTotal: printedVat?.total, basesTotal },
  );
  const vat = repairSingleRateVat(printedVat, ttc?.value);
  const context = { vatTotal: vat?.total, basesTotal };
  const ht = findTotalExclVat(htCandidates, ttc?.value, context);
  const rates = printedVat?.lines.flatMap((line) => (line.rate === null ? [] : [line.rate])) ?? [];
  const currency = signs ?? currencyOfPlace(folded, rates) ?? currencyOfLanguage(language);

  const expected = {
    merchant: readable(findMerchant(lines, input.words)),
    date: readable(findExpenseDate(lines, { monthFirst, today: options.today })),
    totalInclVat: readable(ttc ? money(ttc.value, ttc.confidence, ocrOf(ttc.value)) : null),
  };
  return {
    ...expected,
    totalExclVat: ht ? money(ht.value, ht.confidence, ocrOf(ht.value)) : null,
    vatLines: vat ? vatLinesField(vat, ttc, ht) : null,
    currency,
    merchantVatNumber: findVatNumber(lines.map((line) => line.text)),
    language,
    unreadable: unreadableFields(expected),
  };
}
