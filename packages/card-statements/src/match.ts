import type { Money } from '@ndf/contracts';
import { MerchantInputError, normalizeMerchant } from '@ndf/merchant-names';
import type { CardTransaction } from './card-transaction.js';

/** What matching needs of an expense note. */
export interface NoteForMatching {
  readonly noteId: string;
  readonly owner: string;
  /** ISO date of the expense. */
  readonly date: string;
  /** As the employee declared it, in the currency paid. */
  readonly amount: Money;
  readonly merchant?: string;
  readonly paymentMethod?: string;
}

export interface MatchOptions {
  /** The card's last four digits → the employee holding it (a tenant setting); a transaction of a known card matches only its holder's notes. */
  readonly holders?: Readonly<Record<string, string>>;
  /** A statement books a payment up to a few days after it was made. */
  readonly maxDaysApart?: number;
}

export interface CardMatch {
  readonly transactionId: string;
  readonly noteId: string;
  readonly score: number;
  /** Why: amount (always), days apart, merchant, payment method. */
  readonly reasons: readonly string[];
}

export interface MatchResult {
  readonly matches: readonly CardMatch[];
  /** Debits no note claims (yet): each is an expense without its note and receipt. */
  readonly unmatched: readonly CardTransaction[];
}

const DAY_MS = 86_400_000;
const daysApart = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS;
const sameMoney = (a: Money, b: Money) => a.currency === b.currency && a.value === b.value;

function merchantKey(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  try {
    return normalizeMerchant(name, '/merchant').key;
  } catch (error) {
    if (error instanceof MerchantInputError) return undefined;
    throw error;
  }
}

/** The amounts are equal to the cent (in the currency paid), the note is the holder's, and the dates close enough; or no pair. */
function pairOf(transaction: CardTransaction, note: NoteForMatching, options: MatchOptions): CardMatch | undefined {
  const paid = transaction.originalAmount ?? transaction.amount;
  if (!sameMoney(paid, note.amount) && !sameMoney(transaction.amount, note.amount)) return undefined;
  const holder = transaction.cardLast4 ? options.holders?.[transaction.cardLast4] : undefined;
  if (holder !== undefined && holder !== note.owner) return undefined;
  const days = daysApart(transaction.date, note.date);
  if (days > (options.maxDaysApart ?? 3)) return undefined;
  const reasons = ['same amount', days === 0 ? 'same day' : `${days} day${days > 1 ? 's' : ''} apart`];
  let score = 60 - 10 * days;
  const key = merchantKey(note.merchant);
  if (key !== undefined && key === merchantKey(transaction.merchant)) {
    score += 30;
    reasons.push('same merchant');
  }
  if (note.paymentMethod === 'company_card') {
    score += 10;
    reasons.push('paid by company card');
  }
  return { transactionId: transaction.id, noteId: note.noteId, score, reasons };
}

/**
 * Pairs each debit of a card statement with at most one note, and each note with at most one
 * debit: the best-scoring pairs first (same merchant, fewer days apart, declared as paid by
 * company card), ties broken by the order of the statement and of the notes.
 */
export function matchTransactions(
  transactions: readonly CardTransaction[],
  notes: readonly NoteForMatching[],
  options: MatchOptions = {},
): MatchResult {
  const debits = transactions.filter((transaction) => transaction.direction === 'debit');
  const pairs = debits
    .flatMap((transaction, t) =>
      notes.flatMap((note, n) => {
        const pair = pairOf(transaction, note, options);
        return pair ? [{ pair, t, n }] : [];
      }),
    )
    .sort((a, b) => b.pair.score - a.pair.score || a.t - b.t || a.n - b.n);
  const takenTransactions = new Set<string>();
  const takenNotes = new Set<string>();
  const matches: CardMatch[] = [];
  for (const { pair } of pairs) {
    if (takenTransactions.has(pair.transactionId) || takenNotes.has(pair.noteId)) continue;
    takenTransactions.add(pair.transactionId);
    takenNotes.add(pair.noteId);
    matches.push(pair);
  }
  return { matches, unmatched: debits.filter((transaction) => !takenTransactions.has(transaction.id)) };
}
