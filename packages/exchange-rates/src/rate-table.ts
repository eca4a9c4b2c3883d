import { minorDigits } from '@ndf/contracts';
import { daysBetween, isIsoDate, type IsoDate } from './dates.js';
import { RateLookupError, RatesInputError } from './errors.js';
import type { Rate } from './rate.js';

/** The rates published on one day, each in units of the currency per euro. */
export interface DayRates {
  readonly date: IsoDate;
  readonly rates: ReadonlyMap<string, Rate>;
}

/** The rate used for a currency on a requested date, and where it came from. */
export interface RateLookup {
  readonly currency: string;
  readonly rate: Rate;
  /** The day the rate was published. */
  readonly rateDate: IsoDate;
  readonly requestedDate: IsoDate;
  /** True when no rate was published on the requested date and an earlier one is used. */
  readonly fellBack: boolean;
  /** Days between the rate's date and the requested date (0 when it did not fall back). */
  readonly daysBack: number;
}

/**
 * The longest gap between two publications on TARGET's calendar: on Easter Monday, the
 * last rates are Thursday's (Good Friday and Easter Monday are closing days), 4 days back.
 */
export const DEFAULT_MAX_FALLBACK_DAYS = 4;

interface Published {
  readonly date: IsoDate;
  readonly rate: Rate;
}

/** The daily reference rates, EUR base, looked up by date. Built once from files or a body; never fetches. */
export class RateTable {
  /** Per currency, its publications in ascending date order. */
  private readonly byCurrency = new Map<string, Published[]>();
  readonly days: readonly DayRates[];

  private constructor(days: readonly DayRates[]) {
    this.days = [...days].sort((a, b) => a.date.localeCompare(b.date));
    for (const day of this.days) {
      for (const [currency, rate] of day.rates) {
        const list = this.byCurrency.get(currency) ?? [];
        list.push({ date: day.date, rate });
        this.byCurrency.set(currency, list);
      }
    }
  }

  /** A table of these days; a date given twice is refused (two files that disagree are not merged silently). */
  static of(days: readonly DayRates[]): RateTable {
    const seen = new Set<string>();
    for (const day of days) {
      if (seen.has(day.date)) throw new RatesInputError('duplicate_date', 'date', undefined, `the rates of ${day.date} are given twice`);
      seen.add(day.date);
    }
    return new RateTable(days);
  }

  /** This table with these days added, a day already present replaced (a corrected publication). */
  withDays(days: readonly DayRates[]): RateTable {
    const replaced = new Set(days.map((day) => day.date));
    return RateTable.of([...this.days.filter((day) => !replaced.has(day.date)), ...days]);
  }

  get firstDate(): IsoDate | undefined {
    return this.days[0]?.date;
  }

  get lastDate(): IsoDate | undefined {
    return this.days.at(-1)?.date;
  }

  /**
   * The rate of `currency` (units per euro) on `date`, or on the last earlier day it was
   * published, at most `maxFallbackDays` earlier; a refusal otherwise. EUR is not in the table.
   */
  rateOn(currency: string, date: IsoDate, maxFallbackDays = DEFAULT_MAX_FALLBACK_DAYS): RateLookup {
    if (!Number.isInteger(maxFallbackDays) || maxFallbackDays < 0)
      throw new RangeError(`maxFallbackDays must be a whole number of days, not ${maxFallbackDays}.`);
    if (!isIsoDate(date)) throw new RateLookupError('invalid_date', 'date', `${JSON.stringify(date)} is not a YYYY-MM-DD date`);
    if (minorDigits(currency) === undefined)
      throw new RateLookupError('unknown_currency', 'currency', `${JSON.stringify(currency)} is not an active ISO 4217 currency`);
    const published = this.byCurrency.get(currency);
    if (!published) throw new RateLookupError('currency_not_published', 'currency', `no reference rate is published for ${currency}`);
    const found = lastOnOrBefore(published, date);
    if (!found) throw new RateLookupError('no_rate_before', 'date', `no ${currency} rate on or before ${date}`);
    const daysBack = daysBetween(found.date, date);
    if (daysBack > maxFallbackDays)
      throw new RateLookupError(
        'fallback_too_long',
        'date',
        `the last ${currency} rate on or before ${date} is of ${found.date}, ${daysBack} days earlier (at most ${maxFallbackDays})`,
      );
    return { currency, rate: found.rate, rateDate: found.date, requestedDate: date, fellBack: daysBack > 0, daysBack };
  }
}

/** Binary search in ascending dates: the last publication on or before `date`. */
function lastOnOrBefore(published: readonly Published[], date: IsoDate): Published | undefined {
  let low = 0;
  let high = published.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (published[middle]!.date <= date) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : published[low - 1];
}
