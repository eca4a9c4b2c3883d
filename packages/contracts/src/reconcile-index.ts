import type { ReceiptStatus } from './receipt.js';

/**
 * The reconciler's index: a receipt not in a final state sits in the table's gsi1 (which the
 * listing uses for notes, under other keys) under one of a few shards, sorted by the time it was
 * last moved on or looked at; a final receipt leaves it. A sparse index, so the reconciler reads
 * what may be stuck and nothing else. Shards spread the writes of many receipts in flight.
 */
export const RECONCILE_SHARDS = 8;

const SHARD_PREFIX = 'RECONCILE#';

/** The statuses a receipt leaves by itself, or by the reconciler; every other one is final. */
export const OPEN_RECEIPT_STATUSES: readonly ReceiptStatus[] = ['awaiting_upload', 'uploaded', 'reading'];

export function isOpenReceiptStatus(status: string): boolean {
  return (OPEN_RECEIPT_STATUSES as readonly string[]).includes(status);
}

/** The gsi1 partition of a shard. */
export function reconcileShardKey(shard: number): string {
  return `${SHARD_PREFIX}${shard}`;
}

/** The shard of a receipt: a stable spread of its id (FNV-1a). */
export function reconcileShardOf(receiptId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < receiptId.length; index += 1) hash = Math.imul(hash ^ receiptId.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % RECONCILE_SHARDS;
}

/** The index attributes of an open receipt, looked at again from `at`. */
export function reconcileIndexAttributes(receiptId: string, at: Date): { readonly gsi1pk: string; readonly gsi1sk: string } {
  return { gsi1pk: reconcileShardKey(reconcileShardOf(receiptId)), gsi1sk: at.toISOString() };
}
