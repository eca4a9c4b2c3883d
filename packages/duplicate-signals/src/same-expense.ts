import { moneyProblem, toMinorUnits, type Money } from '@ndf/contracts';
import { dayNumber } from './calendar-day.js';
import { DuplicateInputError, requireText } from './input-error.js';
import { checkTarget, describeTarget, sameRef, type DuplicateSignal, type SignalTarget } from './signal.js';

/** An expense: one receipt's, or a note's as typed (no receiptId), whatever its receipts. */
export interface Expense extends SignalTarget {
  /** Whose expense: only an employee's own expenses are compared. */
  readonly employee: string;
  /** As @ndf/contracts carries amounts: a decimal string and an ISO 4217 code. */
  readonly amount: Money;
  /** The receipt's date, "YYYY-MM-DD". */
  readonly date: string;
  /** The merchant's normalised name (the merchant normaliser's output: "SNCF", not "sncf.com"). */
  readonly merchant: string;
}

/**
 * How many days apart two dates may be and still be one expense. The same expense claimed twice
 * often carries a different date each time: the one printed on the receipt, and the one the
 * employee typed or the card was charged on; a dinner paid after midnight, a hotel night dated on
 * arrival or on departure, a card slip printed in another time zone differ by one day. Two days
 * apart is rather two expenses (the same train ticket there and back at the weekend's ends).
 */
export const DATE_TOLERANCE_DAYS = 1;

interface Checked {
  readonly ref: SignalTarget;
  readonly employee: string;
  readonly currency: string;
  readonly minor: bigint;
  readonly day: number;
  readonly merchant: string;
}

function check(expense: Expense, at: string): Checked {
  const ref = checkTarget(expense, at);
  const amount = expense.amount as Partial<Money> | undefined;
  const why = typeof amount?.value === 'string' && typeof amount.currency === 'string' ? moneyProblem(amount as Money) : 'invalid_format';
  if (why) throw new DuplicateInputError(`${at}/amount`, 'invalid_amount', `not a positive amount in its currency's minor units (${why})`);
  return {
    ref,
    employee: requireText(expense.employee, `${at}/employee`),
    currency: expense.amount.currency,
    minor: toMinorUnits(expense.amount),
    day: dayNumber(expense.date, `${at}/date`),
    merchant: requireText(expense.merchant, `${at}/merchant`),
  };
}

/**
 * The same expense claimed twice by one employee: the same amount to the cent in the same
 * currency, at the same merchant, within a day, on another receipt. Neither the image nor the
 * bytes need be alike: a second photo of the receipt, or the card slip beside the till receipt.
 */
export function sameExpenseSignals(expense: Expense, others: readonly Expense[]): DuplicateSignal[] {
  const subject = check(expense, '/expense');
  return others.flatMap((other, index) => {
    const candidate = check(other, `/others/${index}`);
    const daysApart = Math.abs(candidate.day - subject.day);
    const alike =
      candidate.employee === subject.employee &&
      candidate.currency === subject.currency &&
      candidate.minor === subject.minor &&
      candidate.merchant === subject.merchant &&
      daysApart <= DATE_TOLERANCE_DAYS;
    if (!alike || sameRef(candidate.ref, subject.ref)) return [];
    const when = daysApart === 0 ? 'on the same day' : `${daysApart} day apart (${other.date})`;
    return [
      {
        kind: 'same_expense' as const,
        other: candidate.ref,
        daysApart,
        reason: `the same amount (${expense.amount.value} ${subject.currency}) at ${subject.merchant} ${when} as ${describeTarget(candidate.ref)}`,
      },
    ];
  });
}
