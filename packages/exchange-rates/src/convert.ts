import { fromMinorUnits, minorDigits, moneyProblem, toMinorUnits, type Money } from '@ndf/contracts';
import type { IsoDate } from './dates.js';
import { RateLookupError } from './errors.js';
import { DEFAULT_MAX_FALLBACK_DAYS, type RateLookup, type RateTable } from './rate-table.js';
import { divideRoundingHalfUp } from './rounding.js';

/** A converted amount, with everything needed to explain it later. */
export interface Conversion {
  readonly original: Money;
  readonly converted: Money;
  /** The date of the expense the conversion was asked for. */
  readonly date: IsoDate;
  /** The rates used (units per euro): one for a conversion to or from EUR, two through EUR otherwise, none from a currency to itself. */
  readonly rates: readonly RateLookup[];
  /** True when any rate used is of an earlier day than `date`. */
  readonly fellBack: boolean;
}

export interface ConvertOptions {
  /** How many days back a missing rate may be taken from (default DEFAULT_MAX_FALLBACK_DAYS). */
  readonly maxFallbackDays?: number;
}

const EUR = 'EUR';
const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

/**
 * `amount` converted to `target` with the reference rates of `date`, rounded once, half up,
 * to the target currency's minor units. Between two currencies other than the euro, the
 * cross rate is taken through the euro (as the ECB derives cross rates) and the result
 * rounded once only, not once in EUR and again in the target currency.
 */
export function convert(table: RateTable, amount: Money, target: string, date: IsoDate, options: ConvertOptions = {}): Conversion {
  const problem = moneyProblem(amount);
  if (problem === 'unknown_currency')
    throw new RateLookupError(
      'unknown_currency',
      'amount.currency',
      `${JSON.stringify(amount.currency)} is not an active ISO 4217 currency`,
    );
  if (problem)
    throw new RateLookupError(
      'invalid_amount',
      'amount.value',
      `${JSON.stringify(amount.value)} ${amount.currency} is not a valid amount (${problem})`,
    );
  const targetDigits = minorDigits(target);
  if (targetDigits === undefined)
    throw new RateLookupError('unknown_currency', 'target', `${JSON.stringify(target)} is not an active ISO 4217 currency`);
  const maxFallbackDays = options.maxFallbackDays ?? DEFAULT_MAX_FALLBACK_DAYS;
  const lookup = (currency: string, field: string): RateLookup | undefined =>
    currency === EUR || amount.currency === target ? undefined : rateNamingField(table, currency, date, maxFallbackDays, field);
  const source = lookup(amount.currency, 'amount.currency');
  const destination = lookup(target, 'target');

  // target minor = amount minor / 10^sourceDigits / sourceRate * targetRate * 10^targetDigits, where
  // a rate is units / 10^scale: one exact fraction, divided once.
  let numerator = toMinorUnits(amount) * pow10(targetDigits);
  let denominator = pow10(minorDigits(amount.currency)!);
  if (source) {
    numerator *= pow10(source.rate.scale);
    denominator *= source.rate.units;
  }
  if (destination) {
    numerator *= destination.rate.units;
    denominator *= pow10(destination.rate.scale);
  }
  const rates = [source, destination].filter((lookup): lookup is RateLookup => lookup !== undefined);
  return {
    original: amount,
    converted: fromMinorUnits(divideRoundingHalfUp(numerator, denominator), target),
    date,
    rates,
    fellBack: rates.some((lookup) => lookup.fellBack),
  };
}

/** The table's lookup, a refusal of the currency naming the request's field it came from. */
function rateNamingField(table: RateTable, currency: string, date: IsoDate, maxFallbackDays: number, field: string): RateLookup {
  try {
    return table.rateOn(currency, date, maxFallbackDays);
  } catch (error) {
    if (error instanceof RateLookupError && error.field === 'currency') throw new RateLookupError(error.problem, field, error.detail);
    throw error;
  }
}

/** `amount` in euros with the reference rate of `date` (see convert). */
export function convertToEur(table: RateTable, amount: Money, date: IsoDate, options: ConvertOptions = {}): Conversion {
  return convert(table, amount, EUR, date, options);
}
