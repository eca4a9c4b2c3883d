import { ConditionalCheckFailedException, QueryCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { IsoDate } from '@ndf/exchange-rates';

/**
 * A conversion computed while the reference table held no day after the expense's date (a
 * fallback to an earlier day, or no rate at all) may change once later rates are loaded. Its
 * stage sits in the notes table's gsi1 under this partition, sorted by the date it awaits, so
 * that a load finds the stages it settles across tenants; a stage written again without it
 * leaves the index.
 */
export const AWAITED_RATES_PARTITION = 'RATES-AWAITED';

/**
 * What a load sets on an awaiting stage: the stream then hands the stage to the converter (its
 * subscription lets a STAGE through only with this value), which recomputes the note and writes
 * the stage anew, without it.
 */
export const RECOMPUTE_ATTRIBUTE = 'recompute';
export const RECOMPUTE_RATES_LOADED = 'rates-loaded';

export function awaitingRatesIndex(date: IsoDate, tenant: string, noteId: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: AWAITED_RATES_PARTITION, gsi1sk: `${date}#${tenant}#${noteId}` };
}

/**
 * Asks for every stage awaiting a date up to `through` to be recomputed: the table now holds
 * that day or a later one, so each either gets its day's rate or is known to have none. Says how many.
 */
export async function requestRecomputeOfAwaited(
  dynamodb: DynamoDBClient,
  notesTable: string,
  through: IsoDate,
  signal: AbortSignal,
): Promise<number> {
  let requested = 0;
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: notesTable,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :after',
        // '$' sorts after '#': every sort key of the date `through` is below it.
        ExpressionAttributeValues: { ':pk': { S: AWAITED_RATES_PARTITION }, ':after': { S: `${through}$` } },
        ExclusiveStartKey: start as never,
      }),
      { abortSignal: signal },
    );
    for (const item of page.Items ?? []) {
      const { pk, sk } = unmarshall(item) as { pk: string; sk: string };
      try {
        await dynamodb.send(
          new UpdateItemCommand({
            TableName: notesTable,
            Key: { pk: { S: pk }, sk: { S: sk } },
            // The time changes the item on every load: a stage marked before and not recomputed yet (its
            // message quarantined) is sent again, where an update changing nothing would make no stream record.
            UpdateExpression: 'SET #recompute = :value, recomputeRequestedAt = :at',
            // Only a stage still awaiting: one recomputed since has left the index.
            ConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeNames: { '#recompute': RECOMPUTE_ATTRIBUTE },
            ExpressionAttributeValues: {
              ':value': { S: RECOMPUTE_RATES_LOADED },
              ':at': { S: new Date().toISOString() },
              ':pk': { S: AWAITED_RATES_PARTITION },
            },
          }),
          { abortSignal: signal },
        );
        requested += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return requested;
}
