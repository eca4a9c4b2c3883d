import {
  TENANT_CURRENCY,
  type CurrencyConversionOutcome,
  type CurrencyConversionRefusal,
  type Money,
  type RateFallback,
} from '@ndf/contracts';
import { convertToEur, RateLookupError, type RateLookupProblem } from '@ndf/exchange-rates';
import type { RatesForDate } from '@ndf/rates-store';

/** What the converter records about a note: its stage, and whether later rates may change it. */
export type NoteConversion =
  | { readonly status: 'succeeded'; readonly outcome: CurrencyConversionOutcome; readonly awaitingRates: boolean }
  | { readonly status: 'refused'; readonly code: CurrencyConversionRefusal; readonly reason: string; readonly awaitingRates: boolean };

const REFUSAL_OF: Readonly<Record<RateLookupProblem | 'invalid_amount', CurrencyConversionRefusal>> = {
  no_rate_before: 'rate_missing',
  fallback_too_long: 'rate_too_old',
  currency_not_published: 'currency_not_published',
  unknown_currency: 'currency_not_published',
  invalid_date: 'invalid_amount',
  invalid_amount: 'invalid_amount',
};

/** Whether a note needs the reference rates at all. */
export const needsRates = (amount: Money): boolean => amount.currency !== TENANT_CURRENCY;

/**
 * A note's amount in the tenant's currency on the expense's date, from the reference rates read
 * for that date. A note the rates cannot convert is a refusal with a code and a reason the
 * employee can act on, never an error.
 */
export function convertNote(
  note: { readonly amount: Money; readonly date: string },
  /** Read for the note's date; not needed for a note in the tenant's currency. */
  rates: RatesForDate | undefined,
  source: string,
): NoteConversion {
  if (!needsRates(note.amount))
    return { status: 'succeeded', outcome: { kind: 'same_currency', amount: note.amount }, awaitingRates: false };
  if (rates === undefined) throw new TypeError(`The rates of ${note.date} are needed to convert ${note.amount.currency}.`);
  // The rates of a date after the last day loaded may still come: the result is provisional.
  const awaitingRates = !rates.laterDayLoaded;
  try {
    const conversion = convertToEur(rates.table, note.amount, note.date);
    const [used] = conversion.rates;
    const fallback: RateFallback | undefined = conversion.fellBack
      ? {
          requestedDate: note.date,
          daysBack: used!.daysBack,
          note: `No reference rate for ${note.amount.currency} on ${note.date}: the rate of ${used!.rateDate}, the last earlier one, is used.`,
          provisional: awaitingRates,
        }
      : undefined;
    return {
      status: 'succeeded',
      outcome: {
        kind: 'converted',
        original: conversion.original,
        converted: conversion.converted,
        rate: used!.rate.text,
        rateDate: used!.rateDate,
        date: note.date,
        source,
        ...(fallback ? { fallback } : {}),
      },
      awaitingRates: fallback !== undefined && awaitingRates,
    };
  } catch (error) {
    if (!(error instanceof RateLookupError)) throw error;
    return { status: 'refused', code: REFUSAL_OF[error.problem], reason: reasonOf(error, note), awaitingRates };
  }
}

function reasonOf(error: RateLookupError, note: { readonly amount: Money; readonly date: string }): string {
  const { currency } = note.amount;
  switch (error.problem) {
    case 'no_rate_before':
      return `No reference rate for ${currency} on or before ${note.date}: the note cannot be converted to ${TENANT_CURRENCY} until the rates of that date are loaded.`;
    case 'fallback_too_long':
      return `The last reference rate for ${currency} before ${note.date} is too old to be used (${error.detail}): the rates of that date are not loaded yet.`;
    case 'currency_not_published':
    case 'unknown_currency':
      return `${currency} has no reference rate: enter the amount in ${TENANT_CURRENCY} as charged on your statement.`;
    default:
      return `The amount or the date of the note cannot be converted (${error.detail}).`;
  }
}
