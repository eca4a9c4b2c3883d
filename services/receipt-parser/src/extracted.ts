import type { ExtractedField } from '@ndf/contracts';
import type { ReceiptText } from '@ndf/receipt-pipeline';
import type { Field, ParseInput, ReceiptFields } from './fields/types.js';

/** The parser's input from a stored text: pages joined, each OCR word's line counted across pages. */
export function parseInputOf(stored: ReceiptText): ParseInput {
  if (stored.source === 'pdf-text') return { text: stored.text };
  let linesBefore = 0;
  const words = stored.pages.flatMap((page) => {
    const shifted = page.words.map((word) => ({ text: word.text, confidence: word.confidence, line: word.line + linesBefore }));
    linesBefore += page.text.split('\n').length;
    return shifted;
  });
  return { text: stored.pages.map((page) => page.text).join('\n'), words };
}

const field = (found: Field<string> | null): ExtractedField | undefined =>
  found ? { value: found.value, confidence: Math.min(1, Math.max(0, found.confidence)) } : undefined;

/**
 * The fields as the receipt item keeps them (one string value and a confidence each): VAT
 * lines become `vat:<rate>` (the amount) and `vatBase:<rate>` (its base, when printed), with
 * `vat:unknown` for an amount printed without its rate.
 */
export function extractedFields(fields: ReceiptFields): Record<string, ExtractedField> {
  const extracted: Record<string, ExtractedField | undefined> = {
    merchant: field(fields.merchant),
    date: field(fields.date),
    totalInclVat: field(fields.totalInclVat),
    totalExclVat: field(fields.totalExclVat),
    currency: field(fields.currency),
    merchantVatNumber: field(fields.merchantVatNumber),
  };
  for (const line of fields.vatLines?.value ?? []) {
    const rate = line.rate ?? 'unknown';
    const confidence = fields.vatLines!.confidence;
    extracted[`vat:${rate}`] = { value: line.amount, confidence };
    if (line.base !== undefined) extracted[`vatBase:${rate}`] = { value: line.base, confidence };
  }
  return Object.fromEntries(Object.entries(extracted).filter((entry): entry is [string, ExtractedField] => entry[1] !== undefined));
}
