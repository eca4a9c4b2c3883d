import { BatchWriteItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { duplicateIndexKey, duplicateIndexPartition, ITEM_TYPES, type TenantScope } from '@ndf/contracts';
import type { FingerprintedReceipt } from './duplicate-check.js';
import { receiptFingerprints } from './fingerprints.js';

/** Where the duplicate detector keeps its index: the notes table (its keys start with the tenant). */
export interface IndexTable {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
}

// BatchWriteItem takes 25 items; a receipt has at most 1 + IMAGE_DISTANCE_THRESHOLD + 1 fingerprints.
const BATCH = 25;
const UNPROCESSED_ROUNDS = 5;

/** Files a receipt under each of its fingerprints (idempotent: the same item again). */
export async function indexReceipt(
  table: IndexTable,
  scope: TenantScope,
  receipt: FingerprintedReceipt,
  signal: AbortSignal,
): Promise<void> {
  const items = receiptFingerprints(receipt).map((fingerprint) => ({
    ...duplicateIndexKey(scope, fingerprint, receipt),
    type: ITEM_TYPES.duplicateIndex,
    tenant: scope.tenant,
    fingerprint,
    noteId: receipt.noteId,
    receiptId: receipt.receiptId,
    ...(receipt.sha256 ? { sha256: receipt.sha256 } : {}),
    ...(receipt.imageHash ? { imageHash: receipt.imageHash } : {}),
  }));
  for (let start = 0; start < items.length; start += BATCH) {
    let requests = items.slice(start, start + BATCH).map((item) => ({ PutRequest: { Item: marshall(item) } }));
    for (let round = 0; requests.length > 0; round += 1) {
      if (round === UNPROCESSED_ROUNDS) throw new Error(`DynamoDB left ${requests.length} index items unwritten after ${round} rounds.`);
      const answer = await table.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table.tableName]: requests } }), {
        abortSignal: signal,
      });
      requests = (answer.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
    }
  }
}

/** Every receipt of the tenant filed under one fingerprint. */
export async function receiptsUnder(
  table: IndexTable,
  scope: TenantScope,
  fingerprint: string,
  signal: AbortSignal,
): Promise<FingerprintedReceipt[]> {
  const found: FingerprintedReceipt[] = [];
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await table.dynamodb.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': duplicateIndexPartition(scope, fingerprint) }),
        ConsistentRead: true,
        ExclusiveStartKey: start as never,
      }),
      { abortSignal: signal },
    );
    for (const item of page.Items ?? []) {
      const { noteId, receiptId, sha256, imageHash } = unmarshall(item) as Record<string, string | undefined>;
      if (noteId && receiptId) found.push({ noteId, receiptId, ...(sha256 ? { sha256 } : {}), ...(imageHash ? { imageHash } : {}) });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}
