import {
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** Where a paged read starts (after this key) and how many items it reads at most. */
export interface PageRange {
  readonly startAfter?: Record<string, AttributeValue>;
  readonly atMost?: number;
}

/**
 * Every item a Query answers, page after page (after `startAfter`, at most `atMost`), each page
 * sent by `sendPage`: a service sends each through its `context.call` (breaker, retries, deadline).
 * Not the SDK's paginateQuery, which refuses a client that is not a DynamoDBClient instance (one
 * that only wraps `send`).
 */
export async function queryPagesWith(
  sendPage: (command: QueryCommand) => Promise<QueryCommandOutput>,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  range: PageRange = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const atMost = range.atMost ?? Infinity;
  let start = range.startAfter;
  do {
    const page = await sendPage(
      new QueryCommand({ ...input, ExclusiveStartKey: start, ...(Number.isFinite(atMost) ? { Limit: atMost - items.length } : {}) }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start && items.length < atMost);
  return items;
}

/** As queryPagesWith, every page sent on `dynamodb` with one signal. */
export function queryEveryPage(
  dynamodb: DynamoDBClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  signal: AbortSignal,
  range: PageRange = {},
): Promise<Record<string, unknown>[]> {
  return queryPagesWith((command) => dynamodb.send(command, { abortSignal: signal }), input, range);
}
