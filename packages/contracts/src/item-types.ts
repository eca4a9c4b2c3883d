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
  /** One company-card payment or refund of an imported statement (pk T#<tenant>#CARDTXN#<digest of its id>): written once, whatever the re-imports. */
  cardTransaction: 'CARD_TXN',
  /** A note's claim on the one card transaction it is matched to (pk T#<tenant>#CARDMATCH#<noteId>): a note is matched once. */
  cardMatch: 'CARD_MATCH',
  /** A tenant that imported card statements (pk T#<tenant>#CARDS, in gsi1 under CARD_TENANTS): the reminder tick's list. */
  cardTenant: 'CARD_TENANT',
} as const;

export type ItemType = (typeof ITEM_TYPES)[keyof typeof ITEM_TYPES];
