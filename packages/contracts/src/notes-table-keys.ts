import { createHash } from 'node:crypto';
import { InvalidScopeError, USER_PATTERN, type TenantScope } from './tenant-scope.js';

/**
 * The keys of the single `notes` table. Every key starts with the tenant, and every function
 * here takes a TenantScope, so no code can address an item without naming its tenant.
 *
 * | item      | pk                      | sk                           | gsi1pk             | gsi1sk                          |
 * |-----------|-------------------------|------------------------------|--------------------|---------------------------------|
 * | NOTE      | T#<tenant>#N#<noteId>   | NOTE                         | T#<tenant>#U#<user>| <date>#<noteId>                 |
 * | RECEIPT   | T#<tenant>#N#<noteId>   | RCPT#<receiptId>             |                    |                                 |
 * |  (before its note exists) T#<tenant>#R#<receiptId> | RCPT#<receiptId>  |                    |                                 |
 * |  (while not final)      |                         |                              | RECONCILE#<shard>  | <time it was last looked at>    |
 * | STAGE     | (the note's pk)         | STAGE#<service>              |                    |                                 |
 * |  (a conversion awaiting a day's rates)              | RATES-AWAITED      | <date>#<tenant>#<noteId>        |
 * | HISTORY   | (the note's pk)         | HIST#<version, 10 digits>    |                    |                                 |
 * | IDEMPOTENCY | T#<tenant>#K#<digest> | KEY                          |                    |                                 |
 * |  (of a receipt) (the receipt's pk) | RCPT#<receiptId>#STAGE#<service>  |                    |                                 |
 * | RECEIPT_DIGEST | T#<tenant>#SHA#<sha256> | SHA256               |                    |                                 |
 * | SETTINGS  | T#<tenant>#SETTINGS     | POLICY, APPROVERS, CATEGORIES|                    |                                 |
 * | CATEGORY_HISTORY | T#<tenant>#CATEGORY_HISTORY | MERCHANT#<merchant key> / NOTE#<noteId> |        |                                 |
 * | APPROVAL  | (the note's pk)         | APPROVAL#<approver>          | T#<tenant>#APPROVER#<approver> | <requestedAt>#<noteId> |
 * | DUPLICATE_INDEX | T#<tenant>#DUP#<fingerprint> | <noteId>#<receiptId> |                 |                                 |
 * | MILEAGE_YEAR | T#<tenant>#MILEAGE   | Y#<year>#U#<user>            |                    |                                 |
 * |  (while a difference is due)         |                              | MILEAGE_DUE#<shard> | <tenant>#<year>#<user>         |
 * | PAYABLE, BATCH, BATCH_CONTROL, ADVANCE: the reimbursement batcher's, see reimbursement.ts                               |
 * | ERASURE, HOLD, ORIGINAL | (see retention.ts: the retention keeper's items) |   |                    |                                 |
 * | CARD_TXN  | T#<tenant>#CARDTXN#<digest> | CARD_TXN                 | T#<tenant>#CARDTXN (while unsettled) | <date>#<digest>   |
 * | CARD_MATCH | T#<tenant>#CARDMATCH#<noteId> | CARD_MATCH             |                    |                                 |
 * | CARD_TENANT | T#<tenant>#CARDS      | TENANT                       | CARD_TENANTS       | <tenant>                        |
 *
 * - `GET /v1/notes/{id}` is one Query on the note's pk: the note, the receipts uploaded for
 *   it and every stage. A receipt uploaded before its note lives in its own partition, found
 *   from the note's `receiptIds` (one more Query per such receipt).
 * - A note's workflow history is one HISTORY item per transition, keyed by the version the
 *   transition made: written in the same transaction as the note's change, so a replay of a
 *   transition cannot write it twice, and read in order by the zero-padded version.
 * - The listing reads gsi1 for one tenant and user, newest expense date first.
 * - A receipt not in a final state is also in gsi1, under a reconcile shard (reconcile-index.ts),
 *   oldest first: the reconciler reads only those, never the whole table.
 * - An approver's queue (`GET /v1/approvals`) reads gsi1 for one tenant and approver, oldest
 *   request first: one APPROVAL item per approver still to decide on a note, beside the note
 *   (deleting the note's partition deletes them), carrying what the queue shows of the note.
 * - A company-card transaction's key is a digest of the statement's own id for it, so a
 *   re-import of a statement writes nothing new (one conditional PutItem per transaction). While
 *   it is unsettled (a debit not yet matched to a note that has a receipt) it is in gsi1 under
 *   its tenant's card partition, by date: the matcher reads the few days around a note's date,
 *   the finance team's list and the overdue ones (a date range) are one Query of it. A note's
 *   claim on its transaction (CARD_MATCH) is written with the transaction's in one transaction.
 * - The S3 key of a receipt (see receipt-object-key.ts) names its partition, so the intake
 *   service finds the RECEIPT item from the object key alone.
 * - A tenant's category history is one partition: per merchant, how many notes chose each
 *   category, and per note the one choice it counts for (categoryHistoryKey).
 * - An employee's mileage year is settled in one item; a tenant's items share a partition, so
 *   that recomputing a year (a new scale) is one Query. An item with a difference to pay or
 *   recover is also in gsi1 under a few cross-tenant shards (mileage-due.ts), as payable notes
 *   are: the batcher finds the tenants with one, and each tenant's, without reading the others.
 * - A note's id is derived from the caller's idempotency key (see note-id.ts), so creating a
 *   note is one conditional PutItem that also claims the key.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export const NOTE_SK = 'NOTE';
const IDEMPOTENCY_SK = 'KEY';
const RECEIPT_SK_PREFIX = 'RCPT#';
const STAGE_SK_PREFIX = 'STAGE#';
const HISTORY_SK_PREFIX = 'HIST#';
const HISTORY_VERSION_DIGITS = 10;
const APPROVAL_SK_PREFIX = 'APPROVAL#';

const tenantPrefix = (scope: TenantScope) => `T#${scope.tenant}#`;

export function notePartition(scope: TenantScope, noteId: string): string {
  return `${tenantPrefix(scope)}N#${noteId}`;
}

export function noteKey(scope: TenantScope, noteId: string): ItemKey {
  return { pk: notePartition(scope, noteId), sk: NOTE_SK };
}

/** Where a receipt's item lives: in its note's partition, or in its own until it has a note. */
export function receiptKey(scope: TenantScope, receiptId: string, noteId?: string): ItemKey {
  const pk = noteId === undefined ? `${tenantPrefix(scope)}R#${receiptId}` : notePartition(scope, noteId);
  return { pk, sk: `${RECEIPT_SK_PREFIX}${receiptId}` };
}

/** A service's state for a note, or for one receipt when `receipt` is given. */
export function stageKey(scope: TenantScope, service: string, on: { noteId: string } | { receiptId: string; noteId?: string }): ItemKey {
  if ('receiptId' in on) {
    const receipt = receiptKey(scope, on.receiptId, on.noteId);
    return { pk: receipt.pk, sk: `${receipt.sk}#${STAGE_SK_PREFIX}${service}` };
  }
  return { pk: notePartition(scope, on.noteId), sk: `${STAGE_SK_PREFIX}${service}` };
}

/** The record of the transition that made the note's `version` (the note's history, oldest first by sort key). */
export function historyKey(scope: TenantScope, noteId: string, version: number): ItemKey {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`A note's version is a positive integer, not ${version}.`);
  return { pk: notePartition(scope, noteId), sk: `${HISTORY_SK_PREFIX}${String(version).padStart(HISTORY_VERSION_DIGITS, '0')}` };
}

/**
 * The sort-key range that holds a note's history and the note itself, and nothing else of its
 * partition ('HIST#' < 'NOTE' < 'RCPT#' < 'STAGE#'): one Query reads both, the history first.
 */
export const HISTORY_AND_NOTE_RANGE = { from: HISTORY_SK_PREFIX, to: NOTE_SK } as const;

/** The same range widened to the note's pending approvals ('APPROVAL#' < 'HIST#'): what an approver's decision reads at once. */
export const APPROVALS_HISTORY_AND_NOTE_RANGE = { from: APPROVAL_SK_PREFIX, to: NOTE_SK } as const;

/**
 * Where a claimed Idempotency-Key of another write than a note's creation lives: one item per
 * tenant, user, operation and key (hashed, so that no key can shape another's partition).
 */
export function idempotencyKeyItem(scope: TenantScope, operation: string, idempotencyKey: string): ItemKey {
  const digest = createHash('sha256').update(`${scope.user}\u0000${operation}\u0000${idempotencyKey}`, 'utf8').digest('hex');
  return { pk: `${tenantPrefix(scope)}K#${digest}`, sk: IDEMPOTENCY_SK };
}

/** The claim of a file's SHA-256 by the first receipt of the tenant that carried it. */
export function receiptDigestKey(scope: TenantScope, sha256: string): ItemKey {
  return { pk: `${tenantPrefix(scope)}SHA#${sha256}`, sk: 'SHA256' };
}

/** One document of the tenant's settings: all of them in one partition, read together or one by one. */
export function settingsKey(scope: TenantScope, document: string): ItemKey {
  return { pk: `${tenantPrefix(scope)}SETTINGS`, sk: document };
}

/**
 * A tenant's category history (what its employees chose for each merchant): `{ merchantKey }`
 * holds the counts of one merchant's categories, `{ noteId }` the one choice a note counts for,
 * so that a repeated change counts once and a corrected one moves its count.
 */
export function categoryHistoryKey(scope: TenantScope, of: { merchantKey: string } | { noteId: string }): ItemKey {
  return { pk: `${tenantPrefix(scope)}CATEGORY_HISTORY`, sk: 'merchantKey' in of ? `MERCHANT#${of.merchantKey}` : `NOTE#${of.noteId}` };
}

/**
 * A receipt of a note filed under one of its fingerprints (`SHA#<sha256>`, a band of its image
 * hash): one Query on a fingerprint's partition finds the tenant's receipts that share it.
 */
export function duplicateIndexKey(scope: TenantScope, fingerprint: string, on: { noteId: string; receiptId: string }): ItemKey {
  return { pk: duplicateIndexPartition(scope, fingerprint), sk: `${on.noteId}#${on.receiptId}` };
}

export function duplicateIndexPartition(scope: TenantScope, fingerprint: string): string {
  return `${tenantPrefix(scope)}DUP#${fingerprint}`;
}

/** The partition of a tenant's mileage years (one item per employee and year). */
export function mileageYearsPartition(scope: TenantScope): string {
  return `${tenantPrefix(scope)}MILEAGE`;
}

/** The sort-key prefix of a year's items in that partition (`Y#2025#U#`). */
export function mileageYearPrefix(year: number): string {
  return `Y#${year}#U#`;
}

/** Where the mileage year of `scope.user` (the employee) is settled. */
export function mileageYearKey(scope: TenantScope, year: number): ItemKey {
  return { pk: mileageYearsPartition(scope), sk: `${mileageYearPrefix(year)}${scope.user}` };
}

/** The listing partition of one user's notes. */
export function ownerListing(scope: TenantScope): string {
  return `${tenantPrefix(scope)}U#${scope.user}`;
}

/**
 * The listing sort key: the expense date first, so that a descending Query is newest first;
 * the note id breaks ties and lets a correction of the date rebuild it without a read.
 */
export function listingSortKey(date: string, noteId: string): string {
  return `${date}#${noteId}`;
}

/**
 * The listing sort keys of the notes dated from `from` to `to` (ISO dates, both included), as a
 * BETWEEN reads them: '~' sorts after every character of a note id.
 */
export function listingSortKeysBetween(from: string, to: string): { readonly from: string; readonly to: string } {
  return { from: `${from}#`, to: listingSortKey(to, '~') };
}

export function parseListingSortKey(sortKey: string): { date: string; noteId: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(sortKey);
  return match ? { date: match[1]!, noteId: match[2]! } : undefined;
}

/** A user id that is not the caller's (an approver) must be as safe inside a key as the scope's. */
function checkedUser(user: string): string {
  if (!USER_PATTERN.test(user)) throw new InvalidScopeError('user', user);
  return user;
}

/** One approver's pending approval of a note: beside the note, one item per approver. */
export function approvalKey(scope: TenantScope, noteId: string, approver: string): ItemKey {
  return { pk: notePartition(scope, noteId), sk: `${APPROVAL_SK_PREFIX}${checkedUser(approver)}` };
}

/** The gsi1 partition of one approver's queue of notes awaiting their approval. */
export function approverQueue(scope: TenantScope, approver: string): string {
  return `${tenantPrefix(scope)}APPROVER#${checkedUser(approver)}`;
}

/** The queue's sort key: when the approval was asked (an ISO timestamp), so that an ascending Query is oldest first; the note id breaks ties. */
export function approvalQueueSortKey(requestedAt: string, noteId: string): string {
  return `${requestedAt}#${noteId}`;
}

export function parseApprovalQueueSortKey(sortKey: string): { requestedAt: string; noteId: string } | undefined {
  const match =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(sortKey);
  return match ? { requestedAt: match[1]!, noteId: match[2]! } : undefined;
}

/** What a sort key of a note partition names. */
export type SortKeyKind =
  | { readonly kind: 'note' }
  | { readonly kind: 'receipt'; readonly receiptId: string }
  | { readonly kind: 'stage'; readonly service: string; readonly receiptId?: string }
  | { readonly kind: 'history'; readonly version: number }
  | { readonly kind: 'approval'; readonly approver: string }
  | { readonly kind: 'other' };

export function sortKeyKind(sk: string): SortKeyKind {
  if (sk === NOTE_SK) return { kind: 'note' };
  if (sk.startsWith(HISTORY_SK_PREFIX)) return { kind: 'history', version: Number(sk.slice(HISTORY_SK_PREFIX.length)) };
  if (sk.startsWith(STAGE_SK_PREFIX)) return { kind: 'stage', service: sk.slice(STAGE_SK_PREFIX.length) };
  if (sk.startsWith(APPROVAL_SK_PREFIX)) return { kind: 'approval', approver: sk.slice(APPROVAL_SK_PREFIX.length) };
  if (sk.startsWith(RECEIPT_SK_PREFIX)) {
    const [receiptId = '', stage, service] = sk.slice(RECEIPT_SK_PREFIX.length).split('#');
    if (stage === undefined) return { kind: 'receipt', receiptId };
    if (stage === 'STAGE' && service) return { kind: 'stage', service, receiptId };
  }
  return { kind: 'other' };
}

const CARD_TRANSACTION_SK = 'CARD_TXN';
const CARD_MATCH_SK = 'CARD_MATCH';
/** The gsi1 partition listing every tenant with card transactions (one item per tenant): the reminder tick's only cross-tenant read. */
export const CARD_TENANTS_PARTITION = 'CARD_TENANTS';

/** A card transaction's id as the statement gives it may hold any character: its key holds a digest of it. */
export function cardTransactionDigest(transactionId: string): string {
  return createHash('sha256').update(transactionId, 'utf8').digest('hex').slice(0, 32);
}

export function cardTransactionKey(scope: TenantScope, transactionId: string): ItemKey {
  return cardTransactionKeyOfDigest(scope, cardTransactionDigest(transactionId));
}

/** The key from the digest alone, as an index sort key gives it (a page cursor). */
export function cardTransactionKeyOfDigest(scope: TenantScope, digest: string): ItemKey {
  return { pk: `${tenantPrefix(scope)}CARDTXN#${digest}`, sk: CARD_TRANSACTION_SK };
}

/** The gsi1 partition of a tenant's unsettled card transactions (not yet matched to a note with a receipt). */
export function unsettledCardTransactions(scope: TenantScope): string {
  return `${tenantPrefix(scope)}CARDTXN`;
}

/** By the payment's date, so that a range of days is a key condition; the digest breaks ties. */
export function cardTransactionSortKey(date: string, transactionId: string): string {
  return `${date}#${cardTransactionDigest(transactionId)}`;
}

/** The highest sort key of a payment made on `date` or before: `gsi1sk <= it` is every payment up to that day. */
export function cardTransactionSortKeyUpTo(date: string): string {
  // '~' sorts after every hex digit of a digest.
  return `${date}#~`;
}

export function parseCardTransactionSortKey(sortKey: string): { date: string; digest: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})#([0-9a-f]{32})$/.exec(sortKey);
  return match ? { date: match[1]!, digest: match[2]! } : undefined;
}

/** A note's claim on the card transaction it is matched to. */
export function cardMatchKey(scope: TenantScope, noteId: string): ItemKey {
  return { pk: `${tenantPrefix(scope)}CARDMATCH#${noteId}`, sk: CARD_MATCH_SK };
}

/** The item that lists a tenant among those with card transactions. */
export function cardTenantKey(scope: TenantScope): ItemKey {
  return { pk: `${tenantPrefix(scope)}CARDS`, sk: 'TENANT' };
}
