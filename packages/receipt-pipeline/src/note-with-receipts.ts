import { BatchGetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, notePartition, receiptKey, type NoteItem, type ReceiptItem, type StageItem, type TenantScope } from '@ndf/contracts';

/**
 * A note and all its receipts: those asked for with it (its partition) and those it lists from before it existed;
 * with the stages the services wrote about the note (what a check reads of another's, e.g. a converted amount).
 */
export async function readNoteWithReceipts(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  noteId: string,
  signal: AbortSignal,
): Promise<{ note: NoteItem; receipts: ReceiptItem[]; stages: StageItem[] } | undefined> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': notePartition(scope, noteId) }),
        ConsistentRead: true,
        ExclusiveStartKey: start as never,
      }),
      { abortSignal: signal },
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  const note = items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined;
  if (note === undefined || note.status === 'deleted') return undefined;
  const receipts = items.filter((item) => item.type === ITEM_TYPES.receipt) as unknown as ReceiptItem[];
  const stages = items.filter((item) => item.type === ITEM_TYPES.stage && item.receiptId === undefined) as unknown as StageItem[];
  const loose = note.receiptIds.filter((receiptId) => !receipts.some((receipt) => receipt.receiptId === receiptId));
  if (loose.length > 0) {
    const answer = await dynamodb.send(
      new BatchGetItemCommand({
        RequestItems: { [tableName]: { Keys: loose.map((receiptId) => marshall(receiptKey(scope, receiptId))), ConsistentRead: true } },
      }),
      { abortSignal: signal },
    );
    // An unprocessed key is read on the next change of the note or the receipt.
    receipts.push(...((answer.Responses?.[tableName] ?? []).map((item) => unmarshall(item)) as unknown as ReceiptItem[]));
  }
  return { note, receipts, stages };
}
