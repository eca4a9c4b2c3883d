import type { AuditRecord } from '@ndf/audit-records';
import type { ApprovalItem, ApprovalView, AuditTrailEntry, CardTransactionItem, CardTransactionView } from '@ndf/contracts';

/** What the queue shows of an approval (keys and index attributes stay inside). */
export function approvalView(item: ApprovalItem): ApprovalView {
  return {
    noteId: item.noteId,
    owner: item.owner,
    level: item.level,
    noteVersion: item.noteVersion,
    requestedAt: item.requestedAt,
    date: item.date,
    amount: { value: item.amount.value, currency: item.amount.currency },
    ...(item.merchant === undefined ? {} : { merchant: item.merchant }),
    ...(item.category === undefined ? {} : { category: item.category }),
  };
}

/** What the finance team's list shows of a card transaction; `lastOverdueDate` the latest date of a payment overdue today. */
export function cardTransactionView(item: CardTransactionItem, lastOverdueDate: string): CardTransactionView {
  return {
    transactionId: item.transactionId,
    date: item.date,
    amount: { value: item.amount.value, currency: item.amount.currency },
    ...(item.originalAmount ? { originalAmount: { value: item.originalAmount.value, currency: item.originalAmount.currency } } : {}),
    merchant: item.merchant,
    ...(item.cardLast4 === undefined ? {} : { cardLast4: item.cardLast4 }),
    ...(item.holder === undefined ? {} : { holder: item.holder }),
    ...(item.matchedNoteId === undefined ? {} : { matchedNoteId: item.matchedNoteId }),
    overdue: item.date <= lastOverdueDate,
    ...(item.remindedAt === undefined ? {} : { remindedAt: item.remindedAt }),
  };
}

/** What a reader of the trail sees of a record: the change, who and when (the tenant, the note and the stream's ids stay inside). */
export function auditEntryView(record: AuditRecord): AuditTrailEntry {
  return {
    at: record.at,
    itemType: record.itemType,
    event: record.event,
    actor: { kind: record.actor.kind, id: record.actor.id },
    ...(record.receiptId === undefined ? {} : { receiptId: record.receiptId }),
    ...(record.status === undefined ? {} : { status: record.status }),
    ...(record.action === undefined ? {} : { action: record.action }),
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    changes: record.changes,
    ...(record.correlationId === undefined ? {} : { correlationId: record.correlationId }),
    ...(record.partial ? { partial: true as const } : {}),
  };
}
