import type { HistoryActor, NoteAction } from './history.js';
import type { ITEM_TYPES } from './item-types.js';
import type { Money } from './money.js';
import type { NoteInput, NoteStatus } from './note.js';
import type { ExtractedField, ReceiptStatus } from './receipt.js';
import type { StageStatus } from './stage.js';

// The attributes of the notes table's items, as stored (keys: see notes-table-keys.ts).
// Producers and stream consumers read and write these shapes.

interface Keys {
  readonly pk: string;
  readonly sk: string;
  readonly tenant: string;
}

/** The fields the app sends, as stored: the receipt list always present. */
export interface NoteItem extends Keys, Omit<NoteInput, 'receiptIds'> {
  readonly type: typeof ITEM_TYPES.note;
  readonly noteId: string;
  readonly owner: string;
  /** 'deleted' marks a deleted draft, kept until expiresAt so that a replay of its creation is recognised. */
  readonly status: NoteStatus | 'deleted';
  readonly version: number;
  readonly receiptIds: readonly string[];
  /** SHA-256 of the canonical JSON of the creating request's body. */
  readonly requestHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The request that last changed the note: the stream router carries it to every hop. */
  readonly correlationId?: string;
  /** The listing index; absent once deleted. */
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  readonly deletedAt?: string;
  /** Epoch seconds (the table's TTL attribute); only on deleted notes. */
  readonly expiresAt?: number;
  // Set by the workflow's transitions (@ndf/note-workflow):
  /** Levels of approval the note needs, as routing decided; absent before it is routed. */
  readonly approvalLevels?: number;
  /** The level awaiting an approver's decision, from 1: above 1, an approver has decided already. */
  readonly approvalLevel?: number;
  /** The reimbursement batch that holds the note, once batched. */
  readonly batchId?: string;
  /** Set by an approval for less than the claimed amount (in the note's currency): what is owed is at most this. */
  readonly approvedAmount?: Money;
}

export interface ReceiptItem extends Keys {
  readonly type: typeof ITEM_TYPES.receipt;
  readonly receiptId: string;
  /** The note named at upload request; a receipt listed later in a note's receiptIds has none here. */
  readonly noteId?: string;
  readonly uploader: string;
  /** The one note that lists this receipt: set by the write that lists it, and only if unset or already this note. */
  readonly attachedTo?: string;
  /** SHA-256 of the canonical JSON of the request that asked for it (compared when its Idempotency-Key comes again). */
  readonly requestHash?: string;
  readonly status: ReceiptStatus;
  readonly fileName: string;
  readonly declaredContentType: string;
  readonly declaredSize: number;
  /** Key of the original in the receipts bucket. */
  readonly objectKey: string;
  readonly requestedAt: string;
  /** The request that asked for the upload: carried to every hop of the receipt's chain. */
  readonly correlationId?: string;
  // Written by the receipt services:
  readonly uploadedAt?: string;
  readonly size?: number;
  readonly sha256?: string;
  /** The S3 version of the original that was hashed: every later step reads this version, never a later upload to the key. */
  readonly objectVersionId?: string;
  /** An earlier receipt of the tenant with the same SHA-256 (a duplicate claim): flagged, not refused. */
  readonly duplicateOf?: ReceiptDigestOwner;
  readonly detectedType?: string;
  readonly extracted?: Readonly<Record<string, ExtractedField>>;
  /** The fields every receipt prints (merchant, date, totalInclVat) that could not be read: not in `extracted`, rather than guessed. */
  readonly unreadable?: readonly string[];
  /** Keys in the receipts bucket (under derived/) of the upright copies for display and OCR, one per page. */
  readonly pageKeys?: readonly string[];
  /** Keys in the receipts bucket (under derived/) of thumbnails, by width. */
  readonly thumbnails?: readonly { readonly width: number; readonly key: string }[];
  readonly refusal?: { readonly code: string; readonly reason: string };
  /** While the receipt is not final: its place in the reconciler's index (see reconcile-index.ts). */
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  /** When it last moved on (a step); the reconciler measures how long it has been stuck from it. */
  readonly stepAt?: string;
  /** Times the reconciler drove it again since it last moved on, and in all. */
  readonly redrives?: number;
  readonly redrivesTotal?: number;
}

/** The receipt that first carried a SHA-256 in its tenant. */
export interface ReceiptDigestOwner {
  readonly receiptId: string;
  readonly noteId?: string;
}

export interface ReceiptDigestItem extends Keys, ReceiptDigestOwner {
  readonly type: typeof ITEM_TYPES.receiptDigest;
  readonly tenant: string;
  readonly sha256: string;
  readonly claimedAt: string;
}

export interface StageItem extends Keys {
  readonly type: typeof ITEM_TYPES.stage;
  readonly service: string;
  readonly noteId?: string;
  readonly receiptId?: string;
  /** For a stage about a note: the note's version it was computed from; a stage is never overwritten by one of an older version. */
  readonly noteVersion?: number;
  readonly status: StageStatus;
  readonly code?: string;
  readonly reason?: string;
  readonly outcome?: Readonly<Record<string, unknown>>;
  /** Set while the stage sits in gsi1 for a scheduled path to find across tenants (e.g. a conversion awaiting a day's rates). */
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  readonly updatedAt: string;
}

/** One transition of a note (see HistoryEntry), in the note's partition; written once, with the note's change. */
export interface HistoryItem extends Keys {
  readonly type: typeof ITEM_TYPES.history;
  readonly noteId: string;
  /** The note's version the transition made (also in the sort key). */
  readonly version: number;
  readonly action: NoteAction;
  readonly from: NoteStatus;
  readonly to: NoteStatus;
  readonly actor: HistoryActor;
  readonly at: string;
  /** The request that asked for the transition: a repeat of it is recognised as already applied. */
  readonly requestId: string;
  readonly correlationId?: string;
  readonly reason?: string;
  readonly comment?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** An Idempotency-Key claimed by a write that is not itself a note: what it created, and from which body. */
export interface IdempotencyItem extends Keys {
  readonly type: typeof ITEM_TYPES.idempotency;
  readonly operation: string;
  readonly user: string;
  readonly requestHash: string;
  /** What the first request created, e.g. { receiptId, noteId }. */
  readonly result: Readonly<Record<string, string>>;
  readonly createdAt: string;
  /** Epoch seconds (the table's TTL attribute). */
  readonly expiresAt: number;
}

/**
 * One approver's pending approval of a note, in the note's partition (approvalKey), in the
 * approver's queue through gsi1 (approverQueue, approvalQueueSortKey: oldest first). The
 * approval workflow writes one per approver of the note's current level when it routes the
 * note, and deletes them when the level is decided; the queue is these items, read without
 * the notes, so each carries what the queue shows of its note.
 */
export interface ApprovalItem extends Keys {
  readonly type: typeof ITEM_TYPES.approval;
  readonly noteId: string;
  readonly approver: string;
  /** The note's owner: never the approver (no one approves their own note). */
  readonly owner: string;
  /** The approval level, from 1. */
  readonly level: number;
  /** The note's version this approval was asked for. */
  readonly noteVersion: number;
  /** When it was asked: the queue's order. */
  readonly requestedAt: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly date: string;
  readonly amount: Money;
  readonly merchant?: string;
  readonly category?: string;
  readonly correlationId?: string;
  /** The last reminder sent to this approver, and the reminder period it was for (1: the first), so each period reminds once. */
  readonly remindedAt?: string;
  readonly remindedPeriod?: number;
  /** Set on an approver added by escalation (the next level's approver or an admin): when. */
  readonly escalatedAt?: string;
}

/**
 * A note awaiting approval at one level (see approval-due-index.ts): when its approvers are next
 * due a reminder or its escalation. Written with the level's APPROVAL items, removed with them.
 */
export interface ApprovalDueItem extends Keys {
  readonly type: typeof ITEM_TYPES.approvalDue;
  readonly noteId: string;
  readonly owner: string;
  /** The level and the note's version it is about, as on the level's APPROVAL items. */
  readonly level: number;
  readonly noteVersion: number;
  readonly requestedAt: string;
  /** Set once the level has been escalated. */
  readonly escalatedAt?: string;
  readonly gsi1pk: string;
  /** The next instant something is due (ISO). */
  readonly gsi1sk: string;
}

/** One company-card payment (debit) or refund (credit) of an imported statement. */
export interface CardTransactionItem extends Keys {
  readonly type: typeof ITEM_TYPES.cardTransaction;
  /** The statement's id for it (its reference, or one derived from the line: the same on a re-import). */
  readonly transactionId: string;
  readonly date: string;
  readonly direction: 'debit' | 'credit';
  readonly amount: Money;
  readonly originalAmount?: Money;
  readonly merchant: string;
  readonly cardLast4?: string;
  /** The holder's name as the statement prints it. */
  readonly statementHolder?: string;
  /** The employee holding the card (the tenant's CARDS settings when it was imported); absent for an unknown card. */
  readonly holder?: string;
  readonly format: 'csv' | 'camt053';
  readonly importedAt: string;
  readonly importedBy: string;
  /** `unmatched` from its import (a refund: `refund`) until the card matcher matches it (the matcher's stream filter). */
  readonly matchState: 'unmatched' | 'matched' | 'refund';
  /** Set once by the card matcher: the note this payment is. */
  readonly matchedNoteId?: string;
  readonly matchedAt?: string;
  /** Whether the matched note had a receipt when last looked at: a payment matched to a note without one is still overdue. */
  readonly noteHasReceipt?: boolean;
  /** When its holder was reminded of it (once). */
  readonly remindedAt?: string;
  /** In the tenant's card index while unsettled (see notes-table-keys). */
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
}

/** A note's claim on the one card transaction it is matched to. */
export interface CardMatchItem extends Keys {
  readonly type: typeof ITEM_TYPES.cardMatch;
  readonly noteId: string;
  readonly transactionId: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly matchedAt: string;
}
