import { createHash } from 'node:crypto';
import { parseRate, type DayRates, type IsoDate } from '@ndf/exchange-rates';

/** The source of the rates a conversion uses: the euro foreign exchange reference rates (EUR base). */
export const REFERENCE_RATES_SOURCE = 'ECB';

/** One day of reference rates in the reference table: pk RATES#<source>, sk DAY#<date>; rates as published, decimal strings. */
export interface RateDayItem {
  readonly pk: string;
  readonly sk: string;
  readonly type: 'RATE_DAY';
  readonly source: string;
  readonly date: IsoDate;
  readonly rates: Readonly<Record<string, string>>;
  /** SHA-256 of the day's rates: a load that brings the same rates again writes nothing. */
  readonly digest: string;
  readonly loadedAt: string;
}

export const ratesPartition = (source: string): string => `RATES#${source}`;
export const daySortKey = (date: IsoDate): string => `DAY#${date}`;

export function rateDayItem(source: string, day: DayRates, loadedAt: Date): RateDayItem {
  const rates = Object.fromEntries([...day.rates].sort(([a], [b]) => a.localeCompare(b)).map(([code, rate]) => [code, rate.text]));
  return {
    pk: ratesPartition(source),
    sk: daySortKey(day.date),
    type: 'RATE_DAY',
    source,
    date: day.date,
    rates,
    digest: createHash('sha256').update(JSON.stringify(rates)).digest('hex'),
    loadedAt: loadedAt.toISOString(),
  };
}

/** The day an item holds, its rates parsed again (they were checked when loaded; a cell that no longer parses is left out). */
export function dayOfItem(item: Pick<RateDayItem, 'date' | 'rates'>): DayRates {
  const rates = new Map(
    Object.entries(item.rates).flatMap(([code, text]) => {
      const rate = parseRate(text);
      return typeof rate === 'string' ? [] : [[code, rate] as const];
    }),
  );
  return { date: item.date, rates };
}
