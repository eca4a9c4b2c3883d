import { PutItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { RETENTION_ITEM_TYPES, originalIndexPlace, originalKey, originalsOfMonth, tenantScope } from '@ndf/contracts';
import type { SealedOriginal } from './manifest.js';

/** An original as indexed for the seal and for expiry: its note and uploader tell which holds reach it. */
export interface OriginalIndexEntry extends SealedOriginal {
  readonly tenant: string;
  readonly receiptId: string;
  readonly noteId?: string;
  readonly uploader?: string;
}

/** The stored entry: when it was indexed, and once expired, when its original was deleted. */
export interface OriginalIndexItem extends OriginalIndexEntry {
  readonly indexedAt: string;
  readonly deletedAt?: string;
}

/**
 * Indexes an original, once: the first recording of a receipt's upload wins, so that a redelivered
 * upload, recorded again later, neither moves it to another day nor lists it twice.
 */
export async function indexOriginal(
  dynamodb: DynamoDBClient,
  table: string,
  entry: OriginalIndexEntry,
  indexedAt: string,
  signal?: AbortSignal,
): Promise<'indexed' | 'already-indexed'> {
  const scope = tenantScope({ tenant: entry.tenant, user: 'retention', roles: [] });
  const item: OriginalIndexItem = { ...entry, indexedAt };
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall(
          {
            ...originalKey(scope, entry.receiptId),
            ...originalIndexPlace(scope, entry.receiptId, indexedAt),
            type: RETENTION_ITEM_TYPES.original,
            ...item,
          },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      { abortSignal: signal },
    );
    return 'indexed';
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'already-indexed';
    throw error;
  }
}

export interface IndexPage {
  readonly items: readonly OriginalIndexItem[];
  /** Where the next page starts; absent on the last. */
  readonly cursor?: string;
}

/**
 * One page of the originals indexed in one month (yyyy-mm), all tenants, oldest first; `from` and
 * `to` (ISO times, `to` excluded) narrow it to a range such as a day.
 */
export async function listIndexedOriginals(
  dynamodb: DynamoDBClient,
  table: string,
  query: { readonly month: string; readonly from?: string; readonly to?: string; readonly limit: number; readonly cursor?: string },
  signal?: AbortSignal,
): Promise<IndexPage> {
  const range = query.from !== undefined && query.to !== undefined;
  const page = await dynamodb.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: range ? 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to' : 'gsi1pk = :pk',
      ExpressionAttributeValues: marshall({
        ':pk': originalsOfMonth(query.month),
        // Sort keys start with the index time: BETWEEN takes the end too, which the filter below leaves out.
        ...(range ? { ':from': query.from, ':to': query.to } : {}),
      }),
      Limit: query.limit,
      ...(query.cursor ? { ExclusiveStartKey: JSON.parse(query.cursor) as Record<string, AttributeValue> } : {}),
    }),
    { abortSignal: signal },
  );
  const items = (page.Items ?? [])
    .map((item) => unmarshall(item) as OriginalIndexItem & { gsi1sk: string })
    .filter((item) => !range || item.gsi1sk < query.to!);
  return { items, ...(page.LastEvaluatedKey ? { cursor: JSON.stringify(page.LastEvaluatedKey) } : {}) };
}
