import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { amountOwed } from '@ndf/amount-owed';
import {
  ITEM_TYPES,
  notePartition,
  PAYABLE_SHARDS,
  parsePayableSortKey,
  payableShardKey,
  payableShardOf,
  type HistoryItem,
  type NoteItem,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import type { BatcherDependencies, Call } from './dependencies.js';
import type { OwedNote } from './plan.js';

/** Notes one batch takes at most (the BATCH item stays far below DynamoDB's 400 KB); the rest go in the next. */
export const MAX_NOTES_PER_BATCH = 400;
/** Tenants looked at per tick and shard. */
const MAX_TENANTS_PER_SHARD = 200;

/**
 * The tenants with notes to pay, from the payable index: one Query of one item per tenant in each
 * shard, each starting past the previous tenant's notes, so a tenant with many notes costs one read.
 */
export async function tenantsWithPayables(call: Call, dependencies: BatcherDependencies): Promise<string[]> {
  const tenants: string[] = [];
  for (let shard = 0; shard < PAYABLE_SHARDS; shard += 1) {
    let after: string | undefined;
    for (let count = 0; count < MAX_TENANTS_PER_SHARD; count += 1) {
      const page = await call('dynamodb', (signal) =>
        dependencies.dynamodb.send(
          new QueryCommand({
            TableName: dependencies.notesTable,
            IndexName: 'gsi1',
            KeyConditionExpression: after === undefined ? 'gsi1pk = :shard' : 'gsi1pk = :shard AND gsi1sk > :after',
            ExpressionAttributeValues: marshall({ ':shard': payableShardKey(shard), ...(after === undefined ? {} : { ':after': after }) }),
            Limit: 1,
          }),
          { abortSignal: signal },
        ),
      );
      const first = page.Items?.[0];
      const parsed = first ? parsePayableSortKey(String(unmarshall(first).gsi1sk)) : undefined;
      if (parsed === undefined) break;
      tenants.push(parsed.tenant);
      // Past every key of this tenant: '#' sorts below every character a tenant id may hold.
      after = `${parsed.tenant}#\uffff`;
    }
  }
  return tenants;
}

/** The tenant's payable notes approved before the cutoff, oldest first, at most one batch's worth. */
export async function payablesBefore(
  scope: TenantScope,
  cutoff: string,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<{ noteId: string; owner: string }[]> {
  const found: { noteId: string; owner: string }[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new QueryCommand({
          TableName: dependencies.notesTable,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: marshall({
            ':shard': payableShardKey(payableShardOf(scope.tenant)),
            ':from': `${scope.tenant}#`,
            ':to': `${scope.tenant}#${cutoff}`,
          }),
          Limit: MAX_NOTES_PER_BATCH - found.length,
          ExclusiveStartKey: start,
        }),
        { abortSignal: signal },
      ),
    );
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      found.push({ noteId: String(item.noteId), owner: String(item.owner) });
    }
    start = page.LastEvaluatedKey;
  } while (start && found.length < MAX_NOTES_PER_BATCH);
  return found;
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
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new QueryCommand({
          TableName: dependencies.notesTable,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': notePartition(scope, noteId) }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
        { abortSignal: signal },
      ),
    );
    items.push(...(page.Items ?? []).map((raw) => unmarshall(raw)));
    start = page.LastEvaluatedKey;
  } while (start);
  const note = items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined;
  if (note === undefined || note.status !== 'approved') return undefined;
  const history = items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[];
  const stages = items.filter((item) => item.type === ITEM_TYPES.stage && String(item.sk).startsWith('STAGE#')) as unknown as StageItem[];
  return { noteId, owner: note.owner, owed: amountOwed(note, stages, history) };
}
