import { breakdownOfReceipts, refused, type VatResult } from './calculate-vat.js';
import { checkInput, type CheckedInput, type ReceiptAmounts, type VatTreatment } from './input.js';
import { problem, type VatProblem } from './problems.js';

/** Problems about the treatment (category, vehicle, fuel, company mention) are the expense's, not one receipt's. */
const TREATMENT_FIELDS = new Set(['/category', '/vehicle', '/fuel', '/companyMention']);

const placedIn =
  (receiptIndex: number) =>
  (item: VatProblem): VatProblem =>
    TREATMENT_FIELDS.has(item.field) ? item : { ...item, field: `/receipts/${receiptIndex}${item.field}` };

const key = (item: VatProblem) => `${item.field} ${item.code}`;

/**
 * The VAT of one expense backed by several receipts (each checked against its own totals),
 * as one breakdown: what a note is when it has more than one receipt. Problems name their
 * field as a JSON pointer into `{ ...treatment, receipts }`.
 */
export function calculateVatOfReceipts(treatment: VatTreatment, receipts: readonly ReceiptAmounts[]): VatResult {
  if (receipts.length === 0)
    return refused([problem('/receipts', 'no_receipt', 'an expense needs at least one receipt to compute its VAT')]);
  const checked: CheckedInput[] = [];
  const problems = new Map<string, VatProblem>();
  receipts.forEach((receipt, index) => {
    const result = checkInput({ ...treatment, ...receipt });
    if ('input' in result) checked.push(result.input);
    else for (const item of result.problems.map(placedIn(index))) problems.set(key(item), item);
  });
  if (problems.size > 0) return refused([...problems.values()]);
  return breakdownOfReceipts(treatment, checked, (found, index) => found.map(placedIn(index)));
}
