import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { APPROVAL_DUE_SHARDS, approvalDueShardKey, type ApprovalDueItem } from '@ndf/contracts';

/** The APPROVAL_DUE items due by `now`, oldest first in each shard, at most `limit` per shard: a bounded Query of the index, never a scan. */
export async function dueApprovals(
  dynamodb: DynamoDBClient,
  table: string,
  query: { now: Date; limit: number },
  signal: AbortSignal,
): Promise<ApprovalDueItem[]> {
  const due: ApprovalDueItem[] = [];
  for (let shard = 0; shard < APPROVAL_DUE_SHARDS; shard += 1) {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk <= :now',
        ExpressionAttributeValues: marshall({ ':shard': approvalDueShardKey(shard), ':now': query.now.toISOString() }),
        Limit: query.limit,
      }),
      { abortSignal: signal },
    );
    due.push(...((page.Items ?? []).map((item) => unmarshall(item)) as ApprovalDueItem[]));
  }
  return due;
}
