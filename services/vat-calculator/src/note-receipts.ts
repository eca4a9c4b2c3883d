import type { ReceiptItem } from '@ndf/contracts';

/** Final statuses of a receipt that will never be read. */
const UNREADABLE: readonly ReceiptItem['status'][] = ['refused', 'expired'];

export interface NoteReceipts {
  /** Processed: their fields are what the parser read. */
  readonly read: readonly ReceiptItem[];
  /** Listed by the note and still on their way (or failed, until replayed): the VAT waits for them. */
  readonly waiting: readonly string[];
  /** Refused or expired: never to be read. */
  readonly unreadable: readonly { readonly receiptId: string; readonly why: string }[];
}

const whyUnreadable = (receipt: ReceiptItem): string =>
  receipt.status === 'expired' ? 'it was never uploaded' : `it was refused: ${receipt.refusal?.reason ?? 'not a receipt'}`;

/** Where each of a note's receipts stands, those it lists but that could not be read from the table included. */
export function noteReceipts(receiptIds: readonly string[], receipts: readonly ReceiptItem[]): NoteReceipts {
  const found = new Set(receipts.map((receipt) => receipt.receiptId));
  const sorted = [...receipts].sort((a, b) => a.receiptId.localeCompare(b.receiptId));
  return {
    read: sorted.filter((receipt) => receipt.status === 'processed'),
    waiting: [
      ...sorted
        .filter((receipt) => receipt.status !== 'processed' && !UNREADABLE.includes(receipt.status))
        .map((receipt) => receipt.receiptId),
      ...receiptIds.filter((receiptId) => !found.has(receiptId)),
    ].sort(),
    unreadable: sorted
      .filter((receipt) => UNREADABLE.includes(receipt.status))
      .map((receipt) => ({ receiptId: receipt.receiptId, why: whyUnreadable(receipt) })),
  };
}
