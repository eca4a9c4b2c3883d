import type { Money } from '../money.js';

/**
 * The card matcher's stage about a note (STAGE#card-matcher), written once the note is matched
 * to a company-card payment: the company paid it, so the reimbursement batcher owes the employee
 * nothing for it (`paidByCard`). A note without a matching payment has no such stage.
 */
export type CardMatcherOutcome = {
  readonly paidByCard: true;
  readonly transaction: {
    readonly transactionId: string;
    readonly date: string;
    readonly amount: Money;
    readonly originalAmount?: Money;
    readonly merchant: string;
    readonly cardLast4?: string;
  };
  /** How close the pair is (@ndf/card-statements' score), and why: same amount, days apart, merchant, payment method. */
  readonly score: number;
  readonly reasons: readonly string[];
};
