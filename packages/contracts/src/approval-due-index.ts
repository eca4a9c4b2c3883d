import type { TenantScope } from './tenant-scope.js';
import { notePartition, type ItemKey } from './notes-table-keys.js';

/**
 * The approval reminders' index: a note awaiting approval has one APPROVAL_DUE item beside it
 * (sk APPROVAL_DUE), in gsi1 under one of a few shards shared by every tenant, sorted by the
 * instant its next reminder or escalation is due. A sparse index: the reminders' tick reads what
 * is due and nothing else (a Query per shard, bounded by a limit), never a scan of the table.
 */
export const APPROVAL_DUE_SHARDS = 4;

const SHARD_PREFIX = 'APPROVALS_DUE#';
export const APPROVAL_DUE_SK = 'APPROVAL_DUE';

export function approvalDueKey(scope: TenantScope, noteId: string): ItemKey {
  return { pk: notePartition(scope, noteId), sk: APPROVAL_DUE_SK };
}

/** The gsi1 partition of a shard. */
export function approvalDueShardKey(shard: number): string {
  return `${SHARD_PREFIX}${shard}`;
}

/** The shard of a note: a stable spread of its id (FNV-1a). */
export function approvalDueShardOf(noteId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < noteId.length; index += 1) hash = Math.imul(hash ^ noteId.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % APPROVAL_DUE_SHARDS;
}

/** The index attributes of a note's due item, next due at `at`. */
export function approvalDueIndexAttributes(noteId: string, at: Date): { readonly gsi1pk: string; readonly gsi1sk: string } {
  return { gsi1pk: approvalDueShardKey(approvalDueShardOf(noteId)), gsi1sk: at.toISOString() };
}
