import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, notePartition, receiptKey, type TenantScope } from '@ndf/contracts';

type Item = Record<string, unknown>;

/**
 * Every item of a note's partition (the note, its receipts, stages, history, approvals) and the
 * receipts it lists from their own partitions (uploaded before it), each read strongly consistent:
 * erasure must not miss one.
 */
export async function readNoteItems(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  noteId: string,
  signal: AbortSignal,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': notePartition(scope, noteId) }),
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
      }),
      { abortSignal: signal },
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey ? unmarshall(page.LastEvaluatedKey) : undefined;
  } while (start);
  const note = items.find((item) => item.type === ITEM_TYPES.note);
  const listed = Array.isArray(note?.receiptIds) ? (note.receiptIds as string[]) : [];
  const inPartition = new Set(items.filter((item) => item.type === ITEM_TYPES.receipt).map((item) => item.receiptId));
  for (const receiptId of listed.filter((id) => !inPartition.has(id))) {
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: table, Key: marshall(receiptKey(scope, receiptId)), ConsistentRead: true }),
      { abortSignal: signal },
    );
    if (Item) items.push(unmarshall(Item));
  }
  return items;
}
