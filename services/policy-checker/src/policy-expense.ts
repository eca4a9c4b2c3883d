import type { Money, NoteItem, ReceiptItem } from '@ndf/contracts';
import type { PolicyExpense } from '@ndf/expense-policy';

/**
 * The words known of the expense, searched for alcohol: what the employee typed (merchant,
 * comment) and the merchant each receipt's reading found. The receipts' full OCR text (in the
 * bucket) is not read yet.
 */
function wordsOf(note: NoteItem, receipts: readonly ReceiptItem[]): string | undefined {
  const words = [note.merchant, note.comment, ...receipts.map((receipt) => receipt.extracted?.merchant?.value)].filter(
    (text): text is string => text !== undefined && text.trim() !== '',
  );
  return words.length > 0 ? words.join('\n') : undefined;
}

/** A receipt counts once read: one refused (not a receipt) or still awaited is not a proof of the expense. */
export const hasReadReceipt = (receipts: readonly ReceiptItem[]) => receipts.some((receipt) => receipt.status === 'processed');

/** A note as the policy sees it, its amount already in the policy's currency. */
export function policyExpense(note: NoteItem, amount: Money, receipts: readonly ReceiptItem[] = []): PolicyExpense {
  const receiptText = wordsOf(note, receipts);
  return {
    id: note.noteId,
    date: note.date,
    createdAt: note.createdAt,
    amount,
    hasReceipt: hasReadReceipt(receipts),
    ...(note.category === undefined ? {} : { category: note.category }),
    ...(note.country === undefined ? {} : { country: note.country }),
    ...(receiptText === undefined ? {} : { receiptText }),
    ...(note.attendees === undefined ? {} : { attendees: note.attendees }),
    ...(note.project === undefined ? {} : { project: note.project }),
  };
}
