/**
 * The `type` attribute of every item of the notes table. The stream router routes changes by
 * it (a service subscribes to item types in the catalog), so each kind has one stable name.
 */
export const ITEM_TYPES = {
  /** An expense note (sk NOTE). */
  note: 'NOTE',
  /** A receipt file: declared at upload request, completed when its object arrives (sk RCPT#<id>). */
  receipt: 'RECEIPT',
  /** A claimed idempotency key of a write that is not itself a note (reserved for other APIs). */
  idempotency: 'IDEMPOTENCY',
  /** One service's processing state for a note or one of its receipts (sk STAGE#... or RCPT#<id>#STAGE#...). */
  stage: 'STAGE',
  /** The first receipt of a tenant with a given SHA-256, claimed once (pk T#<tenant>#SHA#<sha256>): later ones are duplicates of it. */
  receiptDigest: 'RECEIPT_DIGEST',
  /** One transition of a note's workflow (who, when, why), written with it and never changed (sk HIST#<the version it made>). */
  history: 'HISTORY',
  /** One document of a tenant's settings (pk T#<tenant>#SETTINGS, sk POLICY, APPROVERS, CATEGORIES...), versioned. */
  settings: 'SETTINGS',
  /** A tenant's category history: a merchant's counts per category, or the choice one note counts for (pk T#<tenant>#CATEGORY_HISTORY). */
  categoryHistory: 'CATEGORY_HISTORY',
  /** One approver's pending approval of a note (sk APPROVAL#<approver>): in their queue until they decide. */
  approval: 'APPROVAL',
  /** One receipt of a note under one of its fingerprints (its file's SHA-256, a band of its image hash): the duplicate detector's candidates. */
  duplicateIndex: 'DUPLICATE_INDEX',
  /** One employee's year of mileage allowances and what is left to pay or recover (pk T#<tenant>#MILEAGE, sk Y#<year>#U#<owner>). */
  mileageYear: 'MILEAGE_YEAR',
  /** When a note awaiting approval is next due a reminder or an escalation (sk APPROVAL_DUE, gsi1 APPROVALS_DUE#<shard>). */
  approvalDue: 'APPROVAL_DUE',
  /** An approved note not batched yet (sk PAYABLE): the batcher's index of what is to pay (see reimbursement.ts). */
  payable: 'PAYABLE',
  /** A reimbursement batch (pk T#<tenant>#BATCHES, sk B#<batchId>): its notes and figures, written before anything else. */
  batch: 'BATCH',
  /** A tenant's open batch and batch count (pk T#<tenant>#BATCHES, sk CONTROL). */
  batchControl: 'BATCH_CONTROL',
  /** What an Idempotency-Key of the expense API's POST /v1/batches or /v1/advances made (pk T#<tenant>#BATCHES, sk REQ#...). */
  reimbursementRequest: 'REIMBURSEMENT_REQUEST',
  /** A cash advance to an employee (pk T#<tenant>#ADVANCES), deducted from their next batches. */
  advance: 'ADVANCE',
  /** One company-card payment or refund of an imported statement (pk T#<tenant>#CARDTXN#<digest of its id>): written once, whatever the re-imports. */
  cardTransaction: 'CARD_TXN',
  /** A note's claim on the one card transaction it is matched to (pk T#<tenant>#CARDMATCH#<noteId>): a note is matched once. */
  cardMatch: 'CARD_MATCH',
  /** A tenant that imported card statements (pk T#<tenant>#CARDS, in gsi1 under CARD_TENANTS): the reminder tick's list. */
  cardTenant: 'CARD_TENANT',
} as const;

export type ItemType = (typeof ITEM_TYPES)[keyof typeof ITEM_TYPES];
