import { requireText } from './input-error.js';

/** Which receipt of which note: what a signal points at. */
export interface ReceiptRef {
  readonly noteId: string;
  readonly receiptId: string;
}

export type SignalKind = 'same_bytes' | 'similar_image' | 'same_expense';

/** One reason to think a receipt duplicates another: the other one, and why, in words and figures. */
export interface DuplicateSignal {
  readonly kind: SignalKind;
  readonly other: ReceiptRef;
  readonly reason: string;
  /** similar_image: the Hamming distance between the two image hashes (of 64 bits). */
  readonly distance?: number;
  /** same_expense: days between the two dates (0 or 1). */
  readonly daysApart?: number;
}

/** Checks a reference's ids, naming the field under `at`. */
export function checkRef(ref: ReceiptRef, at: string): ReceiptRef {
  return {
    noteId: requireText(ref?.noteId, `${at}/noteId`, 'invalid_id'),
    receiptId: requireText(ref?.receiptId, `${at}/receiptId`, 'invalid_id'),
  };
}

/** The same receipt of the same note: never a duplicate of itself. */
export function sameRef(a: ReceiptRef, b: ReceiptRef): boolean {
  return a.noteId === b.noteId && a.receiptId === b.receiptId;
}
