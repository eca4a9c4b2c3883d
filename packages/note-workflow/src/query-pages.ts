import { QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * Every item a Query answers, page after page (after `startAfter`, at most `atMost`). Not the SDK's paginateQuery, which refuses a
 * client that is not a DynamoDBClient instance (one that only wraps `send`).
 */
export async function queryEveryPage(
  dynamodb: DynamoDBClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  signal: AbortSignal,
  range: { readonly startAfter?: Record<string, AttributeValue>; readonly atMost?: number } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const atMost = range.atMost ?? Infinity;
  let start = range.startAfter;
  do {
    const page = await dynamodb.send(
      new QueryCommand({ ...input, ExclusiveStartKey: start, ...(Number.isFinite(atMost) ? { Limit: atMost - items.length } : {}) }),
      { abortSignal: signal },
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start && items.length < atMost);
  return items;
}
