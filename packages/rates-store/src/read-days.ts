import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { RateTable, type IsoDate } from '@ndf/exchange-rates';
import { dayOfItem, daySortKey, ratesPartition, type RateDayItem } from './rate-day-item.js';

/** The reference rates a conversion on one date needs, and whether that date's rates may still come. */
export interface RatesForDate {
  /** The last publications on or before the date (enough for the longest fallback allowed). */
  readonly table: RateTable;
  /** True when the table holds a day after the date: a day without rates then had none published. */
  readonly laterDayLoaded: boolean;
}

/**
 * Publications read back from the date: the longest fallback (4 calendar days, Easter) spans at
 * most 2 publications; more, so that a rate too old is told from no rate at all.
 */
const PUBLICATIONS_BACK = 8;

/** Two small queries on the source's partition: the last publications up to the date, and whether any day follows it. */
export async function readRatesFor(
  dynamodb: DynamoDBClient,
  tableName: string,
  source: string,
  date: IsoDate,
  signal: AbortSignal,
): Promise<RatesForDate> {
  const query = (condition: string, forward: boolean, limit: number) =>
    dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: `pk = :pk AND ${condition}`,
        ExpressionAttributeValues: { ':pk': { S: ratesPartition(source) }, ':sk': { S: daySortKey(date) } },
        ScanIndexForward: forward,
        Limit: limit,
        ConsistentRead: true,
      }),
      { abortSignal: signal },
    );
  const [before, after] = await Promise.all([query('sk <= :sk', false, PUBLICATIONS_BACK), query('sk > :sk', true, 1)]);
  const days = (before.Items ?? []).map((item) => dayOfItem(unmarshall(item) as RateDayItem));
  return { table: RateTable.of(days), laterDayLoaded: (after.Items ?? []).length > 0 };
}
