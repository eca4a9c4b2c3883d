import type { Money } from './money.js';

/** A company-card payment not yet settled by a note with a receipt, as GET /v1/card-transactions of the expense API shows it. */
export interface CardTransactionView {
  readonly transactionId: string;
  readonly date: string;
  readonly amount: Money;
  readonly originalAmount?: Money;
  readonly merchant: string;
  readonly cardLast4?: string;
  readonly holder?: string;
  readonly matchedNoteId?: string;
  readonly overdue: boolean;
  readonly remindedAt?: string;
}

export interface CardTransactionPage {
  readonly items: readonly CardTransactionView[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}

/** What POST /v1/card-statements did with a statement. */
export interface CardStatementImport {
  readonly format: 'csv' | 'camt053';
  readonly read: number;
  readonly new: number;
  readonly alreadyKnown: number;
  readonly refused: readonly { readonly field: string; readonly code: string; readonly detail: string }[];
}
