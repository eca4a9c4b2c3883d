import { isIsoDate } from './dates.js';
import { isCurrencyCode } from './currency-code.js';
import { RatesInputError } from './errors.js';
import { parseRate, type Rate } from './rate.js';
import type { DayRates, RateTable } from './rate-table.js';

/**
 * The JSON form of the rates, for an admin route: rates are decimal strings, as published,
 * never JSON numbers (a number goes through a float on the way in).
 *
 *   { "base": "EUR", "days": [{ "date": "2025-12-05", "rates": { "USD": "1.1645", "JPY": "180.91" } }] }
 */
export interface RatesJson {
  readonly base: 'EUR';
  readonly days: readonly { readonly date: string; readonly rates: Readonly<Record<string, string>> }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The days of a JSON body, each field checked; a refusal names the path of the field at fault. */
export function parseRatesJson(body: unknown): DayRates[] {
  if (!isObject(body)) throw new RatesInputError('malformed_line', '$', undefined, 'the body is not an object');
  if (body.base !== 'EUR') throw new RatesInputError('bad_base', 'base', undefined, 'the base must be "EUR"');
  if (!Array.isArray(body.days)) throw new RatesInputError('malformed_line', 'days', undefined, 'days must be an array');
  const seen = new Set<string>();
  return body.days.map((day: unknown, index) => {
    const path = `days[${index}]`;
    if (!isObject(day)) throw new RatesInputError('malformed_line', path, undefined, 'a day must be an object');
    if (typeof day.date !== 'string' || !isIsoDate(day.date))
      throw new RatesInputError('bad_date', `${path}.date`, undefined, 'not a YYYY-MM-DD date');
    if (seen.has(day.date)) throw new RatesInputError('duplicate_date', `${path}.date`, undefined, `${day.date} is given twice`);
    seen.add(day.date);
    if (!isObject(day.rates)) throw new RatesInputError('malformed_line', `${path}.rates`, undefined, 'rates must be an object');
    const rates = new Map<string, Rate>();
    for (const [currency, value] of Object.entries(day.rates)) {
      const field = `${path}.rates.${currency}`;
      if (!isCurrencyCode(currency))
        throw new RatesInputError(currency === '' ? 'missing_currency' : 'bad_currency', field, undefined, 'not a currency code');
      if (typeof value !== 'string') throw new RatesInputError('bad_rate', field, undefined, 'a rate is a decimal string, e.g. "1.1645"');
      const rate = parseRate(value);
      if (typeof rate === 'string') throw new RatesInputError(rate, field, undefined, `${JSON.stringify(value)} is not a positive rate`);
      rates.set(currency, rate);
    }
    return { date: day.date, rates };
  });
}

/** The table in the same JSON form, oldest day first (what an admin route shows back). */
export function toRatesJson(table: RateTable): RatesJson {
  return {
    base: 'EUR',
    days: table.days.map((day) => ({ date: day.date, rates: Object.fromEntries([...day.rates].map(([code, rate]) => [code, rate.text])) })),
  };
}
