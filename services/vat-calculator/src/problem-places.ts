import type { VatProblem } from '@ndf/vat-rules';

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

/**
 * Each problem with the field of the note (or the receipt, by id) it is about, and a reason to
 * show. `receiptIds` are the receipts given to @ndf/vat-rules, in order; none when the amounts
 * were the note's own.
 */
export function describeProblems(problems: readonly VatProblem[], receiptIds: readonly string[]): PlacedProblem[] {
  return problems.map((problem) => {
    const match = RECEIPT_FIELD.exec(problem.field);
    const inner = match ? (match[2] ?? '') : problem.field;
    const receiptId = match ? receiptIds[Number(match[1])] : undefined;
    if (receiptId !== undefined) {
      return { ...problem, field: `/receipts/${receiptId}${inner}`, reason: `Receipt ${receiptId} (${inner || '/'}): ${problem.message}.` };
    }
    const field = NOTE_FIELDS[inner] ?? inner;
    return { ...problem, field, reason: `${field}: ${problem.message}.` };
  });
}
