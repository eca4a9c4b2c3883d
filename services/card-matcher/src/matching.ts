import type { CardTransaction, NoteForMatching } from '@ndf/card-statements';
import {
  OPEN_STATUSES,
  type CardMatcherOutcome,
  type CardTransactionItem,
  type NoteItem,
  type NoteStatus,
  type ReceiptItem,
} from '@ndf/contracts';

/** A statement books a payment up to a few days after it was made: how far apart a payment and its note may be. */
export const MAX_DAYS_APART = 3;

/** The notes a payment may be: those still open, and those approved before the statement came (not yet batched or paid). */
const MATCHABLE_STATUSES: readonly string[] = [...OPEN_STATUSES, 'approved' satisfies NoteStatus];

export const isMatchable = (note: NoteItem): boolean => MATCHABLE_STATUSES.includes(note.status);

/** A receipt whose file came (read or being read): a note with one settles its payment. */
export const hasReceipt = (receipts: readonly ReceiptItem[]): boolean =>
  receipts.some((receipt) => receipt.status === 'uploaded' || receipt.status === 'reading' || receipt.status === 'processed');

export function noteForMatching(note: NoteItem): NoteForMatching {
  return {
    noteId: note.noteId,
    owner: note.owner,
    date: note.date,
    amount: note.amount,
    ...(note.merchant === undefined ? {} : { merchant: note.merchant }),
    ...(note.paymentMethod === undefined ? {} : { paymentMethod: note.paymentMethod }),
  };
}

export function transactionOf(item: CardTransactionItem): CardTransaction {
  return {
    id: item.transactionId,
    date: item.date,
    direction: item.direction,
    amount: item.amount,
    ...(item.originalAmount ? { originalAmount: item.originalAmount } : {}),
    merchant: item.merchant,
    ...(item.cardLast4 ? { cardLast4: item.cardLast4 } : {}),
  };
}

/** The note's stage once matched: the company paid it by card, so the employee is owed nothing for it. */
export function matchOutcome(item: CardTransactionItem, match: { score: number; reasons: readonly string[] }): CardMatcherOutcome {
  return {
    paidByCard: true,
    transaction: {
      transactionId: item.transactionId,
      date: item.date,
      amount: item.amount,
      ...(item.originalAmount ? { originalAmount: item.originalAmount } : {}),
      merchant: item.merchant,
      ...(item.cardLast4 ? { cardLast4: item.cardLast4 } : {}),
    },
    score: match.score,
    reasons: match.reasons,
  };
}

/** ISO date `days` days from `date` (negative: before). */
export function dayOffset(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
