import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { receiptKey, tenantScope } from '@ndf/contracts';
import type { SubmittedReceipt } from './receipts-client.js';

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['processed', 'refused', 'failed', 'expired']);

/** The RECEIPT items of the receipts given, read consistently, by receipt id. */
export async function receiptItems(
  dynamodb: DynamoDBClient,
  table: string,
  tenant: string,
  receipts: readonly SubmittedReceipt[],
): Promise<Map<string, Record<string, unknown>>> {
  const scope = tenantScope({ tenant, user: 'chaos', roles: [] });
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < receipts.length; start += 100) {
    let keys = receipts.slice(start, start + 100).map((receipt) => marshall(receiptKey(scope, receipt.receiptId, receipt.noteId)));
    while (keys.length > 0) {
      const { Responses = {}, UnprocessedKeys = {} } = await dynamodb.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const raw of Responses[table] ?? []) {
        const item = unmarshall(raw);
        found.set(String(item.receiptId), item);
      }
      keys = UnprocessedKeys[table]?.Keys ?? [];
    }
  }
  return found;
}

/** How many times each service wrote its STAGE item of each receipt: once per completed run of its step, read from the table's stream. */
export async function stageWrites(streams: DynamoDBStreamsClient, table: string): Promise<Map<string, Map<string, number>>> {
  const writes = new Map<string, Map<string, number>>();
  const { Streams = [] } = await streams.send(new ListStreamsCommand({ TableName: table }));
  for (const { StreamArn } of Streams) {
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn, ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}) }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        let iterator = (
          await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
        ).ShardIterator;
        while (iterator) {
          const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
          for (const record of Records) {
            const sk = record.dynamodb?.NewImage?.sk?.S;
            const match = sk ? /^RCPT#([^#]+)#STAGE#(.+)$/.exec(sk) : null;
            if (!match) continue;
            const [, receiptId, service] = match as unknown as [string, string, string];
            const perService = writes.get(receiptId) ?? new Map<string, number>();
            perService.set(service, (perService.get(service) ?? 0) + 1);
            writes.set(receiptId, perService);
          }
          // An open shard never ends: caught up once a page comes back empty.
          iterator = Records.length === 0 ? undefined : NextShardIterator;
        }
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }
  return writes;
}
