import type { ReceiptTruth } from '@ndf/receipt-fixtures';
import type { ReceiptFields } from '@ndf/receipt-parser/parser';

export const FIELDS = ['merchant', 'date', 'total', 'totalExclVat', 'vat', 'currency', 'vatNumber'] as const;
export type FieldName = (typeof FIELDS)[number];

/** Case, accents, punctuation and spacing do not make a merchant's name wrong. */
function sameName(a: string | undefined, b: string): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '');
  return a !== undefined && fold(a) === fold(b);
}

/** Which fields the parser read right, against the ground truth. VAT: every rate and amount, no more, no less. */
export function compareFields(fields: ReceiptFields, truth: ReceiptTruth): Record<FieldName, boolean> {
  const vat = (fields.vatLines?.value ?? []).map((line) => `${line.rate}:${line.amount}`).sort();
  const expectedVat = truth.vatLines.map((line) => `${line.rate}:${line.amount}`).sort();
  return {
    merchant: sameName(fields.merchant?.value, truth.merchant),
    date: fields.date?.value === truth.date,
    total: fields.totalInclVat?.value === truth.totalInclVat,
    totalExclVat: fields.totalExclVat?.value === truth.totalExclVat,
    vat: JSON.stringify(vat) === JSON.stringify(expectedVat),
    currency: fields.currency?.value === truth.currency,
    vatNumber: (fields.merchantVatNumber?.value ?? null) === truth.merchantVatNumber,
  };
}

export class AccuracyTally {
  readonly #right = new Map<FieldName, number>();
  count = 0;

  add(result: Record<FieldName, boolean>): void {
    this.count++;
    for (const field of FIELDS) if (result[field]) this.#right.set(field, (this.#right.get(field) ?? 0) + 1);
  }

  percent(field: FieldName): number {
    return this.count === 0 ? Number.NaN : (100 * (this.#right.get(field) ?? 0)) / this.count;
  }
}
