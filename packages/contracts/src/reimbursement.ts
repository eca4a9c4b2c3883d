import type { Money } from './money.js';
import { notePartition, type ItemKey } from './notes-table-keys.js';
import { InvalidScopeError, USER_PATTERN, type TenantScope } from './tenant-scope.js';

/**
 * The reimbursement batcher's items (issue 14). An approved note has a PAYABLE item beside it
 * until it is batched: written and deleted by the workflow's transitions themselves, in their
 * transaction, and in gsi1 under a few cross-tenant shards (by tenant), sorted by tenant then
 * approval time. The batcher reads the tenants with notes to pay, and each tenant's notes
 * approved before a cutoff, from there: a sparse index, never a scan.
 *
 * | item          | pk                     | sk                        | gsi1pk               | gsi1sk                          |
 * |---------------|------------------------|---------------------------|----------------------|---------------------------------|
 * | PAYABLE       | (the note's pk)        | PAYABLE                   | PAYABLE#<shard>      | <tenant>#<approvedAt>#<noteId>  |
 * | BATCH         | T#<tenant>#BATCHES     | B#<batchId>               | BATCH_OPEN (while open) | <tenant>#<batchId>           |
 * | BATCH_CONTROL | T#<tenant>#BATCHES     | CONTROL                   |                      |                                 |
 * | REQUEST       | T#<tenant>#BATCHES     | REQ#<route>#<user>#<key>  |                      |                                 |
 * | ADVANCE       | T#<tenant>#ADVANCES    | U#<employee>#<advanceId>  |                      |                                 |
 */
export const PAYABLE_SHARDS = 8;
const PAYABLE_PREFIX = 'PAYABLE#';
export const PAYABLE_SK = 'PAYABLE';
/** The gsi1 partition of the batches not finished yet, across tenants: the next tick finishes them. */
export const OPEN_BATCHES_PARTITION = 'BATCH_OPEN';

/** The gsi1 partition of a payable shard. */
export function payableShardKey(shard: number): string {
  return `${PAYABLE_PREFIX}${shard}`;
}

/** A tenant's shard: a stable spread of its id (FNV-1a), so that one tenant's notes sit together. */
export function payableShardOf(tenant: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < tenant.length; index += 1) hash = Math.imul(hash ^ tenant.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % PAYABLE_SHARDS;
}

export function payableKey(scope: TenantScope, noteId: string): ItemKey {
  return { pk: notePartition(scope, noteId), sk: PAYABLE_SK };
}

/** The index attributes of an approved note's PAYABLE item. */
export function payableIndexAttributes(scope: TenantScope, approvedAt: string, noteId: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: payableShardKey(payableShardOf(scope.tenant)), gsi1sk: `${scope.tenant}#${approvedAt}#${noteId}` };
}

export function parsePayableSortKey(sortKey: string): { tenant: string; approvedAt: string; noteId: string } | undefined {
  const match = /^([^#]+)#([^#]+)#([^#]+)$/.exec(sortKey);
  return match ? { tenant: match[1]!, approvedAt: match[2]!, noteId: match[3]! } : undefined;
}

const batchesPartition = (scope: TenantScope) => `T#${scope.tenant}#BATCHES`;

export function batchKey(scope: TenantScope, batchId: string): ItemKey {
  return { pk: batchesPartition(scope), sk: `${BATCH_PREFIX}${batchId}` };
}

/** Every batch of the tenant, in its partition: a Query on this sort-key prefix. */
export const BATCH_PREFIX = 'B#';

/**
 * What a user's write to the expense API made under an Idempotency-Key (POST /v1/batches: a batch,
 * POST /v1/advances: an advance), beside the tenant's batches (never in the advances' partition,
 * which the batcher reads whole): a replay answers what it made instead of making another.
 */
export function reimbursementRequestKey(scope: TenantScope, route: 'batch' | 'advance', idempotencyKey: string): ItemKey {
  return { pk: batchesPartition(scope), sk: `REQ#${route}#${scope.user}#${idempotencyKey}` };
}

/** The tenant's one item that says which batch is open (at most one at a time) and how many were made. */
export function batchControlKey(scope: TenantScope): ItemKey {
  return { pk: batchesPartition(scope), sk: 'CONTROL' };
}

/** Every cash advance of the tenant: one partition. */
export function advancesPartition(scope: TenantScope): string {
  return `T#${scope.tenant}#ADVANCES`;
}

export function advanceKey(scope: TenantScope, employee: string, advanceId: string): ItemKey {
  // The employee is not the scope's user: it must be as safe inside a key.
  if (!USER_PATTERN.test(employee)) throw new InvalidScopeError('user', employee);
  return { pk: advancesPartition(scope), sk: `U#${employee}#${advanceId}` };
}

/** Every advance of one employee: a Query on this sort-key prefix. */
export function advancePrefix(employee: string): string {
  return `U#${employee}#`;
}

/**
 * A cash advance paid to an employee ahead of their expenses: deducted from their next batches
 * until nothing remains, never taking a batch below zero. Each batch that took part of it is
 * recorded, so a batch resumed after a crash never takes it twice.
 */
export interface AdvanceItem extends ItemKey {
  readonly type: 'ADVANCE';
  readonly tenant: string;
  readonly employee: string;
  readonly advanceId: string;
  /** In EUR. */
  readonly amount: Money;
  readonly paidAt: string;
  /** Why it was paid, and who recorded it (the expense API's POST /v1/advances). */
  readonly reason?: string;
  readonly recordedBy?: string;
  /** What is left to deduct. */
  readonly remaining: Money;
  /** The batches that took part of it, oldest first. */
  readonly deductions: readonly { readonly batchId: string; readonly amount: Money }[];
  /** Their ids, for the write's condition. */
  readonly takenBy: readonly string[];
}
