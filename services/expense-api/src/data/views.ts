import type { ApprovalItem, ApprovalView } from '@ndf/contracts';

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
