import type { Money } from '../money.js';

/** The stage name the vat-calculator writes its outcome under (sk STAGE#vat-calculator). */
export const VAT_CALCULATOR = 'vat-calculator';

/** One rate's VAT, all the note's receipts together; amounts in the note's currency. */
export interface VatRateOutcome {
  /** In percent, as receipts print it: "5.5". */
  readonly rate: string;
  readonly base: Money;
  /** printed on the receipt, the remainder of its totals, or apportioned between several unprinted bases. */
  readonly baseSource: 'printed' | 'remainder' | 'apportioned';
  readonly vat: Money;
  readonly recoverable: Money;
  readonly nonRecoverable: Money;
}

/**
 * A note's VAT, as its `succeeded` vat-calculator stage carries it. French VAT only: an
 * expense made abroad or paid in another currency has none (rule `foreign_vat`), its whole
 * amount is the expense.
 */
// Types, not interfaces: a stage's outcome is a plain record, which only a type alias is assignable to.
export type VatCalculatorOutcome = {
  /** The VAT lines the employee confirmed on the note, the receipts' reading, or none (no receipt, a mileage allowance). */
  readonly source: 'note' | 'receipts' | 'none';
  /** The receipts the figures come from (source `receipts`). */
  readonly receiptIds: readonly string[];
  readonly category: string;
  /** The category's default expense account, when there is one. */
  readonly account?: string;
  readonly totalInclVat: Money;
  /** The total less its French VAT: HT + VAT = TTC exactly. */
  readonly totalExclVat: Money;
  readonly vat: Money;
  readonly lines: readonly VatRateOutcome[];
  readonly recoverable: Money;
  readonly nonRecoverable: Money;
  /** The rule applied, for the audit trail: e.g. fuel_passenger_car 80, foreign_vat 0. */
  readonly rule: { readonly code: string; readonly percent: number; readonly reason: string; readonly rounding: string };
  /** What was assumed for a field the note leaves empty (e.g. a meal's company mention), each said in words. */
  readonly assumptions: readonly string[];
};

/**
 * Why a note's VAT is not computed: `pending` while a receipt is still being read (code
 * `receipts_not_read`); `refused` with one of these codes, or the code of the first problem
 * @ndf/vat-rules found (e.g. `missing_vehicle`, `unknown_rate`), and a reason the employee
 * can act on; the outcome of a refusal lists every problem found.
 */
export const VAT_REFUSAL_CODES = ['category_missing', 'unknown_category', 'receipt_unreadable', 'receipt_amount_mismatch'] as const;
export type VatRefusalCode = (typeof VAT_REFUSAL_CODES)[number];

/** The outcome of a refused vat-calculator stage: each problem with the note's field (a JSON pointer) it is about. */
export type VatRefusalOutcome = {
  readonly problems: readonly { readonly field: string; readonly code: string; readonly message: string }[];
};
