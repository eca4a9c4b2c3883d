import type { FieldErrorCode, RatesLoad } from '@ndf/contracts';
import { parseRatesFile, parseRatesJson, RatesInputError, type DayRates, type RatesInputProblem } from '@ndf/exchange-rates';
import { json, ProblemError, readJsonBody, readTextBody, requireRole } from '@ndf/http-api';
import { loadRates } from '@ndf/rates-store';
import type { AuthorizedContext } from './route.js';

const FIELD_CODES: Readonly<Record<RatesInputProblem, FieldErrorCode>> = {
  empty: 'required',
  bad_header: 'invalid',
  malformed_line: 'invalid',
  bad_date: 'invalid_date',
  duplicate_date: 'duplicate_items',
  missing_currency: 'required',
  bad_currency: 'unknown_currency',
  missing_rate: 'required',
  bad_rate: 'invalid_format',
  zero_rate: 'too_small',
  negative_rate: 'too_small',
  bad_base: 'not_allowed',
};

/** Where the parser's field is, as a JSON pointer: `/lines/<n>/<column>` in a CSV, `days[2].rates.USD` → `/days/2/rates/USD`. */
function pointerOf(error: RatesInputError): string {
  if (error.line !== undefined) return `/lines/${error.line}/${error.field}`;
  if (error.field === '$') return '';
  return `/${error.field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
}

function daysOf(context: AuthorizedContext): DayRates[] {
  const maxBytes = context.deps.config.maxBodyBytes;
  const csv = (context.event.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv');
  try {
    return csv
      ? parseRatesFile(readTextBody(context.event, { maxBytes, mediaTypes: ['text/csv'] }).text)
      : parseRatesJson(readJsonBody(context.event, { maxBytes, mediaTypes: ['application/json'] }));
  } catch (error) {
    if (!(error instanceof RatesInputError)) throw error;
    throw new ProblemError(422, 'unreadable_rates', `Nothing is loaded: ${error.message}`, [
      { field: pointerOf(error), in: 'body', code: FIELD_CODES[error.problem], detail: error.message },
    ]);
  }
}

/** Days of reference rates into the reference table (@ndf/rates-store's loadRates), then the conversions that awaited them recomputed. Admins only. */
export async function loadReferenceRates(context: AuthorizedContext) {
  requireRole(context.scope, ['admin'], 'Loading reference rates');
  const days = daysOf(context);
  const { dynamodb, config } = context.deps;
  const result = await loadRates({ dynamodb, referenceTable: config.referenceTable, notesTable: config.tableName }, days, context.signal);
  const load: RatesLoad = {
    days: days.length,
    written: result.written,
    unchanged: result.unchanged,
    recomputeRequested: result.recomputeRequested,
  };
  return json(200, load);
}
