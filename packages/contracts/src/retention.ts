import type { TenantScope } from './tenant-scope.js';

/**
 * What the retention keeper keeps in the notes table (see @ndf/retention):
 *
 * | item     | pk                          | sk                      | gsi1pk                 | gsi1sk                              |
 * |----------|-----------------------------|-------------------------|------------------------|-------------------------------------|
 * | ERASURE  | T#<tenant>#RETENTION        | ERASURE#<requestId>     | RETENTION#ERASURES (while not completed) | <requestedAt>#<tenant>#<requestId> |
 * | HOLD     | T#<tenant>#RETENTION        | HOLD#<holdId>           |                        |                                     |
 * | ORIGINAL | T#<tenant>#ORIGINAL#<receiptId> | ORIGINAL            | ORIGINALS#<yyyy-mm>    | <indexedAt>#<tenant>#<receiptId>    |
 *
 * - A tenant's holds and erasure requests are one partition: every hold is read in one Query
 *   before anything is changed or deleted.
 * - The erasures still to drive are one index partition across tenants, like the reconciler's.
 * - Every original stored is indexed once, when its upload is recorded, under the month it was
 *   indexed, across tenants (gsi1): a day's range of the month is what the daily seal lists, a
 *   month what expiry lists. The index time, not the upload's, places it: a day, once over, gets
 *   no more entries, so its manifest, once sealed, misses none (a replayed upload lands today).
 */
export const RETENTION_ITEM_TYPES = { erasure: 'ERASURE', hold: 'HOLD', original: 'ORIGINAL' } as const;

export const ERASURES_TO_DRIVE = 'RETENTION#ERASURES';

const retentionPartition = (scope: TenantScope) => `T#${scope.tenant}#RETENTION`;

export function erasureKey(scope: TenantScope, requestId: string) {
  return { pk: retentionPartition(scope), sk: `ERASURE#${requestId}` };
}

export function holdKey(scope: TenantScope, holdId: string) {
  return { pk: retentionPartition(scope), sk: `HOLD#${holdId}` };
}

export const HOLD_SK_PREFIX = 'HOLD#';

export function retentionItemsPartition(scope: TenantScope): string {
  return retentionPartition(scope);
}

const MONTH = /^\d{4}-\d{2}$/;

/** The month (yyyy-mm) of an ISO time, in UTC. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** An original's index entry, one per receipt. */
export function originalKey(scope: TenantScope, receiptId: string) {
  return { pk: `T#${scope.tenant}#ORIGINAL#${receiptId}`, sk: 'ORIGINAL' };
}

/** Its place in the index: across tenants, in the partition of the month it was indexed, in time order. */
export function originalIndexPlace(scope: TenantScope, receiptId: string, indexedAt: string) {
  return { gsi1pk: originalsOfMonth(monthOf(indexedAt)), gsi1sk: `${indexedAt}#${scope.tenant}#${receiptId}` };
}

/** The index partition (gsi1) of every original indexed in a month (yyyy-mm), all tenants. */
export function originalsOfMonth(month: string): string {
  if (!MONTH.test(month)) throw new RangeError(`A month is yyyy-mm, not ${month}.`);
  return `ORIGINALS#${month}`;
}

/**
 * The attribute erasure sets on every item it changes (`{ at }`): the audit trail records such a
 * change as the retention keeper's erasure, naming the fields changed without their values, so
 * that the locked trail never holds a link between the employee and their pseudonym.
 */
export const ERASURE_MARK = 'erasure';
/** Who erasure is attributed to. */
export const RETENTION_KEEPER = 'retention-keeper';
