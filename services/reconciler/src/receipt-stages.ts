import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StageSeen } from '@ndf/receipt-pipeline';
import type { SeenItem } from './item-writes.js';

/** The STAGE items of one receipt (beside it in its partition), by service. */
export async function receiptStages(
  dynamodb: DynamoDBClient,
  table: string,
  receipt: Pick<SeenItem, 'pk' | 'sk'>,
  signal: AbortSignal,
): Promise<Map<string, StageSeen>> {
  const { Items = [] } = await dynamodb.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :stages)',
      ExpressionAttributeValues: { ':pk': { S: receipt.pk }, ':stages': { S: `${receipt.sk}#STAGE#` } },
    }),
    { abortSignal: signal },
  );
  return new Map(
    Items.map((raw) => unmarshall(raw)).map((stage) => [
      String(stage.service),
      { status: stage.status as StageSeen['status'], ...(stage.outcome ? { outcome: stage.outcome as Record<string, unknown> } : {}) },
    ]),
  );
}
