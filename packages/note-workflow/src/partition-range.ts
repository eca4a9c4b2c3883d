import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { notePartition, type TenantScope } from '@ndf/contracts';
import { queryEveryPage } from './query-pages.js';

/** Every item of a note's partition whose sort key lies in [from, to], read consistently, every page. */
export async function readNoteRange(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  noteId: string,
  range: { readonly from: string; readonly to: string },
  signal: AbortSignal,
): Promise<Record<string, unknown>[]> {
  return queryEveryPage(
    dynamodb,
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: marshall({ ':pk': notePartition(scope, noteId), ':from': range.from, ':to': range.to }),
      ConsistentRead: true,
    },
    signal,
  );
}
