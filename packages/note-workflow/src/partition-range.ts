import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { notePartition, type TenantScope } from '@ndf/contracts';

/** Every item of a note's partition whose sort key lies in [from, to], read consistently, every page. */
export async function readNoteRange(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  noteId: string,
  range: { readonly from: string; readonly to: string },
  signal: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({ ':pk': notePartition(scope, noteId), ':from': range.from, ':to': range.to }),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
      { abortSignal: signal },
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
