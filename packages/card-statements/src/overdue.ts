import type { CardTransaction } from './card-transaction.js';

export interface OverdueTransaction {
  readonly transaction: CardTransaction;
  /** Whole days since the payment. */
  readonly days: number;
  /** Who to remind: the card's holder when known. */
  readonly holder?: string;
}

/**
 * Card payments still without a note and its receipt `afterDays` days after they were made
 * (`today` an ISO date): the holder is reminded, and the finance team sees them.
 * `withReceipt` holds the ids of transactions matched to a note that has a receipt.
 */
export function overdueTransactions(
  transactions: readonly CardTransaction[],
  withReceipt: ReadonlySet<string>,
  options: { readonly today: string; readonly afterDays: number; readonly holders?: Readonly<Record<string, string>> },
): OverdueTransaction[] {
  const today = Date.parse(`${options.today}T00:00:00Z`);
  return transactions.flatMap((transaction) => {
    if (transaction.direction !== 'debit' || withReceipt.has(transaction.id)) return [];
    const days = Math.floor((today - Date.parse(`${transaction.date}T00:00:00Z`)) / 86_400_000);
    if (days < options.afterDays) return [];
    const holder = transaction.cardLast4 ? options.holders?.[transaction.cardLast4] : undefined;
    return [{ transaction, days, ...(holder ? { holder } : {}) }];
  });
}

/** The latest date a payment may have and be overdue on `today` (ISO dates): `afterDays` days before it. */
export function lastOverdueDate(today: string, afterDays: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - afterDays * 86_400_000).toISOString().slice(0, 10);
}
