import type { Money } from '@ndf/contracts';

/** One line of a company-card statement, whatever the format it came in. */
export interface CardTransaction {
  /** The bank's or issuer's reference when it gives one, else derived from the line (stable across imports of the same file). */
  readonly id: string;
  /** ISO date the card was used (the transaction date), or the booking date when that is all the statement says. */
  readonly date: string;
  /** A purchase is a debit; a refund a credit. */
  readonly direction: 'debit' | 'credit';
  /** In the card account's currency, positive. */
  readonly amount: Money;
  /** In the merchant's currency, when the card paid abroad. */
  readonly originalAmount?: Money;
  /** The merchant as the statement prints it. */
  readonly merchant: string;
  /** The card's last four digits, when the statement gives them. */
  readonly cardLast4?: string;
  readonly holder?: string;
}
