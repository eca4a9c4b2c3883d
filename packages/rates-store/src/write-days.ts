import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DayRates, IsoDate } from '@ndf/exchange-rates';
import { rateDayItem } from './rate-day-item.js';

export interface WrittenDays {
  /** Days new to the table, or whose rates changed (a corrected publication). */
  readonly written: readonly IsoDate[];
  /** Days already there with the same rates. */
  readonly unchanged: readonly IsoDate[];
}

/** Days written at once: a history of 7,000 days loads in a few hundred round trips without a burst that throttles. */
const PARALLEL_WRITES = 16;

/** Writes each day's item unless the table holds the same rates for it already. */
export async function writeRateDays(
  dynamodb: DynamoDBClient,
  tableName: string,
  source: string,
  days: readonly DayRates[],
  signal: AbortSignal,
  now: () => Date = () => new Date(),
): Promise<WrittenDays> {
  const written: IsoDate[] = [];
  const unchanged: IsoDate[] = [];
  for (let start = 0; start < days.length; start += PARALLEL_WRITES) {
    await Promise.all(
      days.slice(start, start + PARALLEL_WRITES).map(async (day) => {
        const item = rateDayItem(source, day, now());
        try {
          await dynamodb.send(
            new PutItemCommand({
              TableName: tableName,
              Item: marshall(item),
              ConditionExpression: 'attribute_not_exists(pk) OR digest <> :digest',
              ExpressionAttributeValues: marshall({ ':digest': item.digest }),
            }),
            { abortSignal: signal },
          );
          written.push(day.date);
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          unchanged.push(day.date);
        }
      }),
    );
  }
  return { written: written.sort(), unchanged: unchanged.sort() };
}
