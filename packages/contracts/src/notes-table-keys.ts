import { createHash } from 'node:crypto';
import type { TenantScope } from './tenant-scope.js';

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
 * | IDEMPOTENCY | T#<tenant>#K#<digest> | KEY                          |                    |                                 |
 * |  (of a receipt) (the receipt's pk) | RCPT#<receiptId>#STAGE#<service>  |                    |                                 |
 * | RECEIPT_DIGEST | T#<tenant>#SHA#<sha256> | SHA256               |                    |                                 |
 *
 * - `GET /v1/notes/{id}` is one Query on the note's pk: the note, the receipts uploaded for
 *   it and every stage. A receipt uploaded before its note lives in its own partition, found
 *   from the note's `receiptIds` (one more Query per such receipt).
 * - The listing reads gsi1 for one tenant and user, newest expense date first.
 * - A receipt not in a final state is also in gsi1, under a reconcile shard (reconcile-index.ts),
 *   oldest first: the reconciler reads only those, never the whole table.
 * - The S3 key of a receipt (see receipt-object-key.ts) names its partition, so the intake
 *   service finds the RECEIPT item from the object key alone.
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

export function parseListingSortKey(sortKey: string): { date: string; noteId: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(sortKey);
  return match ? { date: match[1]!, noteId: match[2]! } : undefined;
}

/** What a sort key of a note partition names. */
export type SortKeyKind =
  | { readonly kind: 'note' }
  | { readonly kind: 'receipt'; readonly receiptId: string }
  | { readonly kind: 'stage'; readonly service: string; readonly receiptId?: string }
  | { readonly kind: 'other' };

export function sortKeyKind(sk: string): SortKeyKind {
  if (sk === NOTE_SK) return { kind: 'note' };
  if (sk.startsWith(STAGE_SK_PREFIX)) return { kind: 'stage', service: sk.slice(STAGE_SK_PREFIX.length) };
  if (sk.startsWith(RECEIPT_SK_PREFIX)) {
    const [receiptId = '', stage, service] = sk.slice(RECEIPT_SK_PREFIX.length).split('#');
    if (stage === undefined) return { kind: 'receipt', receiptId };
    if (stage === 'STAGE' && service) return { kind: 'stage', service, receiptId };
  }
  return { kind: 'other' };
}
