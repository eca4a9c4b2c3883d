import { ITEM_TYPES } from './item-types.js';
import type { CardTransactionItem } from './items.js';
import type { Money } from './money.js';
import { cardTransactionKey, cardTransactionSortKey, unsettledCardTransactions } from './notes-table-keys.js';
import type { TenantScope } from './tenant-scope.js';

/** A statement's line as read (the shape of @ndf/card-statements' CardTransaction). */
export interface StatementTransaction {
  readonly id: string;
  readonly date: string;
  readonly direction: 'debit' | 'credit';
  readonly amount: Money;
  readonly originalAmount?: Money;
  readonly merchant: string;
  readonly cardLast4?: string;
  /** The holder's name as the statement prints it. */
  readonly holder?: string;
}

export interface CardTransactionOrigin {
  readonly format: CardTransactionItem['format'];
  readonly importedAt: string;
  readonly importedBy: string;
  /** The employee holding the card, when the tenant's settings know it. */
  readonly holder?: string | undefined;
}

/** The CARD_TXN item of a statement's line as first written: a payment unmatched, in its tenant's unsettled index; a refund kept aside. */
export function cardTransactionItem(
  scope: TenantScope,
  transaction: StatementTransaction,
  origin: CardTransactionOrigin,
): CardTransactionItem {
  const debit = transaction.direction === 'debit';
  return {
    ...cardTransactionKey(scope, transaction.id),
    type: ITEM_TYPES.cardTransaction,
    tenant: scope.tenant,
    transactionId: transaction.id,
    date: transaction.date,
    direction: transaction.direction,
    amount: transaction.amount,
    ...(transaction.originalAmount ? { originalAmount: transaction.originalAmount } : {}),
    merchant: transaction.merchant,
    ...(transaction.cardLast4 ? { cardLast4: transaction.cardLast4 } : {}),
    ...(transaction.holder ? { statementHolder: transaction.holder } : {}),
    ...(origin.holder ? { holder: origin.holder } : {}),
    format: origin.format,
    importedAt: origin.importedAt,
    importedBy: origin.importedBy,
    matchState: debit ? 'unmatched' : 'refund',
    // A refund is no expense to claim: never listed as missing its note.
    ...(debit ? { gsi1pk: unsettledCardTransactions(scope), gsi1sk: cardTransactionSortKey(transaction.date, transaction.id) } : {}),
  };
}
