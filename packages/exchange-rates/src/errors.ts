/** Why a rates file, or one of its lines, was refused. */
export type RatesInputProblem =
  | 'empty'
  | 'bad_header'
  | 'malformed_line'
  | 'bad_date'
  | 'duplicate_date'
  | 'missing_currency'
  | 'bad_currency'
  | 'missing_rate'
  | 'bad_rate'
  | 'zero_rate'
  | 'negative_rate'
  | 'bad_base';

/** A rates file (CSV) or body (JSON) refused: the line (CSV, 1-based) and the field at fault. */
export class RatesInputError extends Error {
  override readonly name = 'RatesInputError';
  constructor(
    readonly problem: RatesInputProblem,
    /** The field at fault: a CSV column ("USD", "Date") or a JSON path ("days[2].rates.USD"). */
    readonly field: string,
    /** The CSV line, counted from 1; undefined for JSON. */
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${line === undefined ? '' : `line ${line}, `}${field}: ${detail} (${problem})`);
  }
}

/** Why no rate could be used for a currency on a date. */
export type RateLookupProblem = 'invalid_date' | 'unknown_currency' | 'currency_not_published' | 'no_rate_before' | 'fallback_too_long';

/** A lookup or a conversion refused: the field of the request at fault ("currency", "date", "amount.value", ...). */
export class RateLookupError extends Error {
  override readonly name = 'RateLookupError';
  constructor(
    readonly problem: RateLookupProblem | 'invalid_amount',
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail} (${problem})`);
  }
}
