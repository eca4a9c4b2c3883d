import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { HISTORY_AND_NOTE_RANGE, ITEM_TYPES, notePartition, type HistoryItem, type NoteItem, type TenantScope } from '@ndf/contracts';

export interface NoteWithHistory {
  /** Undefined when there is no such note; a deleted draft comes back with status 'deleted'. */
  readonly note: NoteItem | undefined;
  /** Oldest first. */
  readonly history: readonly HistoryItem[];
}

/** A note and its history, without its receipts and stages: one consistent Query on the sort-key range that holds both. */
export async function readNoteHistory(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  noteId: string,
  signal: AbortSignal,
): Promise<NoteWithHistory> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({
          ':pk': notePartition(scope, noteId),
          ':from': HISTORY_AND_NOTE_RANGE.from,
          ':to': HISTORY_AND_NOTE_RANGE.to,
        }),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
      { abortSignal: signal },
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return {
    note: items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined,
    history: items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[],
  };
}
