import type { Money } from '../money.js';

/** The currency every tenant is reimbursed in, and the base of the reference rates. */
export const TENANT_CURRENCY = 'EUR';

/**
 * Why the currency-converter refused a note (its stage's `code`):
 * - rate_missing: the reference table has no rate for the currency on or before the note's date;
 * - rate_too_old: the last rate before the date is older than the fallback allows (a table not updated);
 * - currency_not_published: the reference rates do not cover this currency;
 * - invalid_amount: the note's amount or date cannot be converted as given.
 */
export const CURRENCY_CONVERSION_REFUSALS = ['rate_missing', 'rate_too_old', 'currency_not_published', 'invalid_amount'] as const;
export type CurrencyConversionRefusal = (typeof CURRENCY_CONVERSION_REFUSALS)[number];

/** A day with no published rate, and the earlier one used instead. */
export interface RateFallback {
  /** The expense's date, which has no rate. */
  readonly requestedDate: string;
  /** Days between the rate's date and the expense's date. */
  readonly daysBack: number;
  /** What the employee and the approver read, e.g. "No reference rate on 2025-12-27: the rate of 2025-12-26 is used." */
  readonly note: string;
  /**
   * True when the reference table holds no day after the expense's date yet (its rates may still
   * be published): the conversion is recomputed when later rates are loaded. False on a weekend or
   * a holiday that a later publication shows had none.
   */
  readonly provisional: boolean;
}

/** The currency-converter's stage outcome (a `succeeded` stage). */
export type CurrencyConversionOutcome =
  /** The note is in the tenant's currency: nothing to convert; `amount` is what it owes. */
  | { readonly kind: 'same_currency'; readonly amount: Money }
  | {
      readonly kind: 'converted';
      /** The note's amount, as declared. */
      readonly original: Money;
      /** In the tenant's currency, rounded once, half up, to its minor units: the amount owed. */
      readonly converted: Money;
      /** Units of the original currency for one euro, as published (e.g. "1.1645"). */
      readonly rate: string;
      /** The day the rate was published. */
      readonly rateDate: string;
      /** The expense's date the conversion was asked for. */
      readonly date: string;
      /** Where the rate comes from (the reference rates' source, e.g. "ECB"). */
      readonly source: string;
      /** Set when the expense's date had no rate and an earlier day's is used. */
      readonly fallback?: RateFallback;
    };
