/** Why a note may duplicate another: the same receipt file, a nearly identical receipt image, the same expense typed twice. */
export const DUPLICATE_SIGNALS = ['same_bytes', 'similar_image', 'same_expense'] as const;
export type DuplicateSignalKind = (typeof DUPLICATE_SIGNALS)[number];

/** One other note this note may duplicate, and why. */
export interface DuplicateFinding {
  readonly signal: DuplicateSignalKind;
  readonly otherNoteId: string;
  /** The receipts compared (absent for same_expense, which compares the notes' typed amount, date and merchant). */
  readonly receiptId?: string;
  readonly otherReceiptId?: string;
  /** In words and figures, for the approver. */
  readonly reason: string;
  /** similar_image: bits apart of the 64 of the image hashes. */
  readonly distance?: number;
  /** same_expense: days between the two dates (0 or 1). */
  readonly daysApart?: number;
}

/** A signal that could not be computed for this note or one of its receipts (a PDF without a page image, a note without a merchant). */
export interface DuplicateSignalSkipped {
  readonly signal: DuplicateSignalKind;
  readonly receiptId?: string;
  readonly reason: string;
}

/** The code of a duplicate-detector stage that found another note (status succeeded: a flag for the approver, not a refusal). */
export const POSSIBLE_DUPLICATE_CODE = 'possible_duplicate';

/** The duplicate-detector's stage outcome for a note. */
export interface DuplicateCheckOutcome {
  readonly findings: readonly DuplicateFinding[];
  /** The other notes of the findings, once each, sorted. */
  readonly otherNoteIds: readonly string[];
  /** Processed receipts of the note that were compared. */
  readonly receiptsCompared: number;
  readonly skipped: readonly DuplicateSignalSkipped[];
  /** Index entries and listed notes read to find the candidates (bounded by the fingerprints, never a scan of the tenant). */
  readonly candidatesRead: number;
}
