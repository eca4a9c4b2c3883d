import { QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * Every item a Query answers, page after page. Not the SDK's paginateQuery, which refuses a
 * client that is not a DynamoDBClient instance (one that only wraps `send`).
 */
export async function queryEveryPage(
  dynamodb: DynamoDBClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  signal: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({ ...input, ExclusiveStartKey: start }), { abortSignal: signal });
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
