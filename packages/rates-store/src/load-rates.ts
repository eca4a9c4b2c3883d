import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DayRates, IsoDate } from '@ndf/exchange-rates';
import { requestRecomputeOfAwaited } from './awaiting.js';
import { REFERENCE_RATES_SOURCE } from './rate-day-item.js';
import { writeRateDays } from './write-days.js';

export interface RatesStoreTables {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the reference table. */
  readonly referenceTable: string;
  /** Physical name of the notes table, whose conversions awaiting rates are recomputed. */
  readonly notesTable: string;
}

export interface LoadResult {
  readonly written: readonly IsoDate[];
  readonly unchanged: readonly IsoDate[];
  /** Conversions that awaited a day up to the newest one loaded, handed back to the converter. */
  readonly recomputeRequested: number;
}

/**
 * Loads days of reference rates (parsed by @ndf/exchange-rates from a file, a body or the
 * configured source), then has the conversions that awaited them recomputed. The one way rates
 * get in: the command line, the scheduled loader and the admin route call it. Idempotent: the
 * same days again write nothing, and the awaiting conversions are looked for on every load, so
 * that a load stopped between the two steps is completed by the next one.
 */
export async function loadRates(
  tables: RatesStoreTables,
  days: readonly DayRates[],
  signal: AbortSignal,
  source: string = REFERENCE_RATES_SOURCE,
): Promise<LoadResult> {
  const { written, unchanged } = await writeRateDays(tables.dynamodb, tables.referenceTable, source, days, signal);
  const newest = days
    .map((day) => day.date)
    .sort()
    .at(-1);
  const recomputeRequested = newest === undefined ? 0 : await requestRecomputeOfAwaited(tables.dynamodb, tables.notesTable, newest, signal);
  return { written, unchanged, recomputeRequested };
}
