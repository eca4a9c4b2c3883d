import type { DuplicateFinding, DuplicateSignalSkipped, Money } from '@ndf/contracts';
import {
  DuplicateInputError,
  sameBytesSignals,
  sameExpenseSignals,
  similarImageSignals,
  type DuplicateSignal,
  type Expense,
} from '@ndf/duplicate-signals';
import { MerchantInputError, normalizeMerchant } from '@ndf/merchant-names';

/** A receipt of a note with what it is compared on: its file's SHA-256, its page image's hash (when known). */
export interface FingerprintedReceipt {
  readonly noteId: string;
  readonly receiptId: string;
  readonly sha256?: string;
  readonly imageHash?: string;
}

/** A note's expense as its owner typed it (the merchant, when not typed, as its receipts read it). */
export interface NoteExpense {
  readonly noteId: string;
  readonly owner: string;
  readonly amount: Money;
  readonly date: string;
  readonly merchant?: string;
}

export interface DuplicateCheckInput {
  readonly note: NoteExpense;
  /** The note's processed receipts. */
  readonly receipts: readonly FingerprintedReceipt[];
  /** The tenant's receipts sharing a fingerprint with one of them (any employee's). */
  readonly indexed: readonly FingerprintedReceipt[];
  /** The owner's notes dated from the day before to the day after. */
  readonly ownerNotes: readonly NoteExpense[];
}

export interface DuplicateCheckResult {
  readonly findings: DuplicateFinding[];
  readonly skipped: DuplicateSignalSkipped[];
}

/** The merchant as the same-expense signal compares it: the brand when known ("sncf.com" and "SNCF VOYAGEURS" are SNCF). */
function comparableExpense(note: NoteExpense): Expense | string {
  if (note.merchant === undefined) return 'neither the note nor its receipts name a merchant';
  try {
    return {
      noteId: note.noteId,
      employee: note.owner,
      amount: note.amount,
      date: note.date,
      merchant: normalizeMerchant(note.merchant).name,
    };
  } catch (error) {
    if (error instanceof MerchantInputError) return `the merchant cannot be compared (${error.message})`;
    throw error;
  }
}

/** Whether the signal package takes it: a candidate with a malformed field is left out, not allowed to fail the note. */
function comparable(expense: Expense): boolean {
  try {
    sameExpenseSignals(expense, []);
    return true;
  } catch (error) {
    if (error instanceof DuplicateInputError) return false;
    throw error;
  }
}

const finding = (signal: DuplicateSignal, receiptId?: string): DuplicateFinding => ({
  signal: signal.kind,
  otherNoteId: signal.other.noteId,
  ...(receiptId ? { receiptId } : {}),
  ...(signal.other.receiptId ? { otherReceiptId: signal.other.receiptId } : {}),
  reason: signal.reason,
  ...(signal.distance !== undefined ? { distance: signal.distance } : {}),
  ...(signal.daysApart !== undefined ? { daysApart: signal.daysApart } : {}),
});

const pairKey = (found: DuplicateFinding) => `${found.receiptId}>${found.otherNoteId}#${found.otherReceiptId}`;

/**
 * Every other note this note may duplicate, and why: a receipt with the same file or a nearly
 * identical image (any employee's: two employees claiming one dinner), or the same expense typed
 * by the same employee. Pure: the candidates are looked up by the caller.
 */
export function findDuplicates(input: DuplicateCheckInput): DuplicateCheckResult {
  const findings: DuplicateFinding[] = [];
  const skipped: DuplicateSignalSkipped[] = [];
  const withSha = input.indexed.filter((other) => other.sha256 !== undefined);
  const withImage = input.indexed.filter((other) => other.imageHash !== undefined);
  for (const receipt of input.receipts) {
    const sameFile = receipt.sha256
      ? sameBytesSignals({ ...receipt, sha256: receipt.sha256 }, withSha as { noteId: string; receiptId: string; sha256: string }[]).map(
          (signal) => finding(signal, receipt.receiptId),
        )
      : [];
    if (!receipt.sha256) skipped.push({ signal: 'same_bytes', receiptId: receipt.receiptId, reason: 'its SHA-256 is not recorded yet' });
    findings.push(...sameFile);
    if (!receipt.imageHash) continue;
    // The same file is also the same image: the certain signal says it.
    const known = new Set(sameFile.map(pairKey));
    const images = similarImageSignals(
      { ...receipt, imageHash: receipt.imageHash },
      withImage as { noteId: string; receiptId: string; imageHash: string }[],
    ).map((signal) => finding(signal, receipt.receiptId));
    findings.push(...images.filter((found) => !known.has(pairKey(found))));
  }

  const expense = comparableExpense(input.note);
  if (typeof expense === 'string') skipped.push({ signal: 'same_expense', reason: expense });
  else if (!comparable(expense)) skipped.push({ signal: 'same_expense', reason: 'its amount or date cannot be compared' });
  else {
    const others = input.ownerNotes.flatMap((other) => {
      const candidate = comparableExpense(other);
      return typeof candidate !== 'string' && comparable(candidate) ? [candidate] : [];
    });
    findings.push(...sameExpenseSignals(expense, others).map((signal) => finding(signal)));
  }
  findings.sort((a, b) =>
    `${a.otherNoteId}#${a.signal}#${a.receiptId ?? ''}#${a.otherReceiptId ?? ''}`.localeCompare(
      `${b.otherNoteId}#${b.signal}#${b.receiptId ?? ''}#${b.otherReceiptId ?? ''}`,
    ),
  );
  return { findings, skipped };
}
