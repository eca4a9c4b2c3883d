import type { VatProblem } from '@ndf/vat-rules';

/** Where the amounts given to @ndf/vat-rules came from: the note itself, or its receipts in this order. */
export type ProblemPlaces = { readonly source: 'note' } | { readonly source: 'receipts'; readonly receiptIds: readonly string[] };

export interface PlacedProblem extends VatProblem {
  /** The problem in words, naming the note's field or the receipt it is about. */
  readonly reason: string;
}

/** The note's own fields behind @ndf/vat-rules' input fields. */
const NOTE_FIELDS: Readonly<Record<string, string>> = {
  '/totalInclVat': '/amount',
  '/currency': '/amount/currency',
  '/vehicle': '/fuel/vehicle',
  '/fuel': '/fuel/energy',
};

const RECEIPT_FIELD = /^\/receipts\/(\d+)(\/.*)?$/;

/** Each problem with the field of the note (or the receipt, by id) it is about, and a reason to show. */
export function describeProblems(problems: readonly VatProblem[], places: ProblemPlaces): PlacedProblem[] {
  return problems.map((problem) => {
    const match = RECEIPT_FIELD.exec(problem.field);
    const inner = match ? (match[2] ?? '') : problem.field;
    if (match && places.source === 'receipts') {
      const receiptId = places.receiptIds[Number(match[1])]!;
      return { ...problem, field: `/receipts/${receiptId}${inner}`, reason: `Receipt ${receiptId} (${inner || '/'}): ${problem.message}.` };
    }
    const field = NOTE_FIELDS[inner] ?? inner;
    return { ...problem, field, reason: `${field}: ${problem.message}.` };
  });
}
