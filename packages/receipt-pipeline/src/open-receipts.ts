import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { RECONCILE_SHARDS, reconcileShardKey } from '@ndf/contracts';

/** How long a receipt may sit without moving on before the reconciler looks at it (and the ops console shows it stalled). */
export const STUCK_AFTER_SETTING = { variable: 'NDF_RECONCILER_STUCK_AFTER_SECONDS', unit: 1_000, fallback: 120 } as const;

/**
 * Receipts not in a final state and not looked at since `before`, oldest first in each shard of
 * the reconciler's index (gsi1), at most `limit` in all, shared between the shards. Only open
 * receipts are in that index: final ones are never read.
 */
export async function openReceiptsSince(
  dynamodb: DynamoDBClient,
  table: string,
  { before, limit }: { readonly before: Date; readonly limit: number },
  signal?: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const perShard = Math.max(1, Math.ceil(limit / RECONCILE_SHARDS));
  const shards = Array.from({ length: RECONCILE_SHARDS }, (_, shard) => shard);
  const pages = await Promise.all(
    shards.map(async (shard) => {
      const { Items = [] } = await dynamodb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk <= :before',
          ExpressionAttributeValues: { ':shard': { S: reconcileShardKey(shard) }, ':before': { S: before.toISOString() } },
          Limit: perShard,
        }),
        { abortSignal: signal },
      );
      return Items.map((item) => unmarshall(item));
    }),
  );
  return pages.flat().slice(0, limit);
}
