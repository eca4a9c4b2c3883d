import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { ShardNode } from './shard-lineage.js';

/** The ARN of the table's current stream; throws if the table has none. */
export async function latestStreamArn(dynamodb: DynamoDBClient, tableName: string, signal?: AbortSignal): Promise<string> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: signal });
  const arn = Table?.LatestStreamArn;
  if (!arn || Table?.StreamSpecification?.StreamEnabled === false) throw new Error(`table ${tableName} has no stream`);
  return arn;
}

/** Every shard of the stream, across DescribeStream's pages. */
export async function listShards(streams: DynamoDBStreamsClient, streamArn: string, signal?: AbortSignal): Promise<ShardNode[]> {
  const shards: ShardNode[] = [];
  let startAfter: string | undefined;
  do {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: startAfter }),
      { abortSignal: signal },
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      if (shard.ShardId) shards.push({ shardId: shard.ShardId, parentShardId: shard.ParentShardId });
    }
    startAfter = StreamDescription?.LastEvaluatedShardId;
  } while (startAfter);
  return shards;
}
