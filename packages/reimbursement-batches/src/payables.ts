import { marshall } from '@aws-sdk/util-dynamodb';
import { amountOwed } from '@ndf/amount-owed';
import {
  ITEM_TYPES,
  notePartition,
  payableShardKey,
  payableShardOf,
  type HistoryItem,
  type NoteItem,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import type { BatcherDependencies, Call } from './dependencies.js';
import type { OwedNote } from './plan.js';
import { tenantsInShards } from './tenant-shards.js';
import { queryNotesTable } from './query-pages.js';

/** Notes one batch takes at most (the BATCH item stays far below DynamoDB's 400 KB); the rest go in the next. */
export const MAX_NOTES_PER_BATCH = 400;

/** The tenants with notes to pay, from the payable index (see tenantsInShards). */
export async function tenantsWithPayables(call: Call, dependencies: BatcherDependencies): Promise<string[]> {
  return tenantsInShards(payableShardKey, call, dependencies);
}

/** The tenant's payable notes approved before the cutoff, oldest first, at most one batch's worth. */
export async function payablesBefore(
  scope: TenantScope,
  cutoff: string,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<{ noteId: string; owner: string }[]> {
  const items = await queryNotesTable(
    call,
    dependencies,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: marshall({
        ':shard': payableShardKey(payableShardOf(scope.tenant)),
        ':from': `${scope.tenant}#`,
        ':to': `${scope.tenant}#${cutoff}`,
      }),
    },
    { atMost: MAX_NOTES_PER_BATCH },
  );
  return items.map((item) => ({ noteId: String(item.noteId), owner: String(item.owner) }));
}

/**
 * A note's item, history and stages (one Query of its partition) and what is owed for it; none
 * when it is no longer approved (the index lags the table a little: the note is the truth).
 */
export async function owedFor(
  scope: TenantScope,
  noteId: string,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<OwedNote | undefined> {
  const items = await queryNotesTable(call, dependencies, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': notePartition(scope, noteId) }),
    ConsistentRead: true,
  });
  const note = items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined;
  if (note === undefined || note.status !== 'approved') return undefined;
  const history = items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[];
  const stages = items.filter((item) => item.type === ITEM_TYPES.stage && String(item.sk).startsWith('STAGE#')) as unknown as StageItem[];
  return { noteId, owner: note.owner, owed: amountOwed(note, stages, history) };
}
