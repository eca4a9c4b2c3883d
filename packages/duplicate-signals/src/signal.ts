import { requireText } from './input-error.js';

/** Which receipt of which note: what a signal points at. */
export interface ReceiptRef {
  readonly noteId: string;
  readonly receiptId: string;
}

/** What a signal points at: a receipt of a note, or the note itself (an expense compared on what was typed, whatever its receipts). */
export interface SignalTarget {
  readonly noteId: string;
  readonly receiptId?: string;
}

export type SignalKind = 'same_bytes' | 'similar_image' | 'same_expense';

/** One reason to think a receipt duplicates another: the other one, and why, in words and figures. */
export interface DuplicateSignal {
  readonly kind: SignalKind;
  readonly other: SignalTarget;
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

/** Checks a target's ids: its note's, and its receipt's when it names one. */
export function checkTarget(ref: SignalTarget, at: string): SignalTarget {
  const noteId = requireText(ref?.noteId, `${at}/noteId`, 'invalid_id');
  if (ref.receiptId === undefined) return { noteId };
  return { noteId, receiptId: requireText(ref.receiptId, `${at}/receiptId`, 'invalid_id') };
}

/** The same receipt of the same note (or the same note, for targets without a receipt): never a duplicate of itself. */
export function sameRef(a: SignalTarget, b: SignalTarget): boolean {
  return a.noteId === b.noteId && a.receiptId === b.receiptId;
}

/** How a reason names a target: "receipt r2 of note n2", or "note n2". */
export function describeTarget(ref: SignalTarget): string {
  return ref.receiptId === undefined ? `note ${ref.noteId}` : `receipt ${ref.receiptId} of note ${ref.noteId}`;
}
