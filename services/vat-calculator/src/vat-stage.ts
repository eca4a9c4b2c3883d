import { toMinorUnits, type NoteItem, type ReceiptItem, type VatCalculatorOutcome, type VatRefusalOutcome } from '@ndf/contracts';
import {
  calculateForeignVat,
  calculateVatOfReceipts,
  CATEGORIES,
  CATEGORY_NAMES,
  isCategory,
  isFrenchVat,
  type Category,
  type ReceiptAmounts,
  type VatResult,
  type VatTreatment,
} from '@ndf/vat-rules';
import { noteReceipts } from './note-receipts.js';
import { describeProblems } from './problem-places.js';
import { receiptAmounts } from './receipt-amounts.js';

/** What the vat-calculator records about a note. */
export type VatStage =
  | { readonly status: 'succeeded'; readonly code?: string; readonly reason?: string; readonly outcome: VatCalculatorOutcome }
  | { readonly status: 'refused'; readonly code: string; readonly reason: string; readonly outcome?: VatRefusalOutcome }
  | {
      readonly status: 'pending';
      readonly code: 'receipts_not_read';
      readonly reason: string;
      readonly outcome: { readonly waitingFor: readonly string[] };
    };

const ACCEPTED = CATEGORY_NAMES.join(', ');
const NO_COMPANY_MENTION =
  "The note does not say whether the meal's invoice names the company: taken as not naming it, so no VAT is recovered " +
  '(set companyMention to printed, or added_by_company below 150 EUR excluding VAT, when it does).';
const ENTER_VAT_LINES = "Enter the note's VAT lines (vatLines) as the receipt prints them.";
const NO_RECEIPT = 'The note has no receipt and no VAT lines: without an invoice there is no VAT to recover.';

const refused = (code: string, reason: string, outcome?: VatRefusalOutcome): VatStage => ({
  status: 'refused',
  code,
  reason,
  ...(outcome ? { outcome } : {}),
});

function isMileage(note: NoteItem): boolean {
  return note.category === 'mileage' || (note.category === undefined && note.mileage !== undefined);
}

/** The category's rule and what it needs from the note, with what had to be assumed. */
function treatmentOf(note: NoteItem, category: Category): { treatment: VatTreatment; assumptions: string[] } {
  const assumptions: string[] = [];
  const meal = CATEGORIES[category].family === 'meal';
  // The domain recovers a meal's VAT only when the invoice names the company: unsaid, it does not.
  if (meal && note.companyMention === undefined) assumptions.push(NO_COMPANY_MENTION);
  const companyMention = meal ? (note.companyMention ?? 'absent') : note.companyMention;
  return {
    treatment: {
      category,
      ...(note.fuel ? { vehicle: note.fuel.vehicle, fuel: note.fuel.energy } : {}),
      ...(companyMention === undefined ? {} : { companyMention }),
    },
    assumptions,
  };
}

/** What the figures were computed from. */
type Basis = Pick<VatCalculatorOutcome, 'source' | 'receiptIds'>;
const FROM_NOTE: Basis = { source: 'note', receiptIds: [] };
const FROM_NOTHING: Basis = { source: 'none', receiptIds: [] };

/** The stage of what @ndf/vat-rules answered: the breakdown, or every problem it found, placed on the note or its receipt. */
function settled(result: VatResult, basis: Basis, assumptions: readonly string[]): VatStage {
  if (result.ok) {
    const outcome: VatCalculatorOutcome = { ...basis, ...result.breakdown, assumptions };
    return { status: 'succeeded', ...(assumptions.length > 0 ? { code: 'assumed', reason: assumptions.join(' ') } : {}), outcome };
  }
  const problems = describeProblems(result.problems, basis.receiptIds);
  const onReceipt = problems.some((problem) => problem.field.startsWith('/receipts/'));
  const reason = [...problems.map((problem) => problem.reason), ...(onReceipt ? [ENTER_VAT_LINES] : [])].join(' ');
  return refused(problems[0]!.code, reason, {
    problems: problems.map(({ field, code, message }) => ({ field, code, message })),
  });
}

/** The note's amount as the one "receipt" of an expense whose VAT lines are the note's own (or none). */
const noteAmounts = (note: NoteItem, vatLines: ReceiptAmounts['vatLines']): ReceiptAmounts => ({
  currency: note.amount.currency,
  totalInclVat: note.amount.value,
  vatLines,
});

/** From the receipts' reading: every receipt read, each total read, together the note's amount. */
function fromReceipts(note: NoteItem, receipts: readonly ReceiptItem[], treatment: VatTreatment, assumptions: readonly string[]): VatStage {
  const state = noteReceipts(note.receiptIds, receipts);
  const unreadable = state.unreadable.map(({ receiptId, why }) => `Receipt ${receiptId} cannot be read: ${why}.`);
  const amounts = state.read.map((receipt) => ({ receiptId: receipt.receiptId, amounts: receiptAmounts(receipt, note.amount.currency) }));
  unreadable.push(
    ...amounts.filter((read) => read.amounts === undefined).map((read) => `Receipt ${read.receiptId}: its total could not be read.`),
  );
  if (unreadable.length > 0)
    return refused('receipt_unreadable', `${unreadable.join(' ')} Enter the note's VAT lines (vatLines), or replace the receipt.`);
  if (state.waiting.length > 0)
    return {
      status: 'pending',
      code: 'receipts_not_read',
      reason: `Waiting for receipt ${state.waiting.join(', ')} to be read.`,
      outcome: { waitingFor: state.waiting },
    };
  const receiptIds = amounts.map((read) => read.receiptId);
  if (receiptIds.length === 0) {
    const result = calculateVatOfReceipts(treatment, [noteAmounts(note, [])]);
    return settled(result, FROM_NOTHING, [...assumptions, NO_RECEIPT]);
  }
  const result = calculateVatOfReceipts(
    treatment,
    amounts.map((read) => read.amounts!),
  );
  if (result.ok && toMinorUnits(result.breakdown.totalInclVat) !== toMinorUnits(note.amount))
    return refused(
      'receipt_amount_mismatch',
      `The receipts total ${result.breakdown.totalInclVat.value} ${result.breakdown.totalInclVat.currency}; the note declares ` +
        `${note.amount.value} ${note.amount.currency}. Correct the amount, or enter the note's VAT lines (vatLines).`,
    );
  return settled(result, { source: 'receipts', receiptIds }, assumptions);
}

/**
 * A note's VAT, from the items as they stand: the VAT lines the employee confirmed on the note
 * when there are any, otherwise those its receipts were read with (all of them together). A
 * mileage allowance has none; an expense abroad or in another currency has no French VAT. A
 * note the rules cannot handle is refused with a reason the employee can act on.
 */
export function vatStageOf(note: NoteItem, receipts: readonly ReceiptItem[]): VatStage {
  if (isMileage(note)) return settled(calculateVatOfReceipts({ category: 'mileage' }, [noteAmounts(note, [])]), FROM_NOTHING, []);
  if (note.category === undefined)
    return refused('category_missing', `The note has no category: choose one of ${ACCEPTED}, so that its VAT can be computed.`);
  if (!isCategory(note.category))
    return refused('unknown_category', `${JSON.stringify(note.category)} is not a category whose VAT is known: choose one of ${ACCEPTED}.`);
  const { treatment, assumptions } = treatmentOf(note, note.category);
  const place = { ...(note.country === undefined ? {} : { country: note.country }), currency: note.amount.currency };
  if (!isFrenchVat(place)) return settled(calculateForeignVat(note.category, note.amount, place), FROM_NOTHING, []);
  if (note.vatLines !== undefined)
    return settled(calculateVatOfReceipts(treatment, [noteAmounts(note, note.vatLines)]), FROM_NOTE, assumptions);
  return fromReceipts(note, receipts, treatment, assumptions);
}
