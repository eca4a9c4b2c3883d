import { readCamt053Entries, readCsvStatementLines, StatementError, type StatementReading } from '@ndf/card-statements';
import type { CardStatementImport, FieldErrorCode } from '@ndf/contracts';
import { invalid, json, ProblemError, readTextBody, requireRole } from '@ndf/http-api';
import { cardHolders, readSettings } from '@ndf/tenant-settings';
import type { AuthorizedContext } from './route.js';

type StatementFormat = CardStatementImport['format'];

const MEDIA_FORMATS: Readonly<Record<string, StatementFormat | undefined>> = {
  'text/csv': 'csv',
  'application/xml': 'camt053',
  'text/xml': 'camt053',
  // An upload tool that does not know better: the content says which.
  'text/plain': undefined,
};

/** The statement's own words for what is wrong, in the API's field error codes. */
const FIELD_CODES: Readonly<Record<StatementError['code'], FieldErrorCode>> = {
  empty: 'required',
  too_large: 'too_large',
  missing_column: 'required',
  missing_field: 'required',
  invalid_date: 'invalid_format',
  invalid_amount: 'invalid_format',
  invalid_currency: 'unknown_currency',
  not_a_statement: 'invalid',
  malformed: 'invalid',
};

const sniffed = (text: string): StatementFormat => (/^\uFEFF?\s*</.test(text) ? 'camt053' : 'csv');

function read(text: string, format: StatementFormat, query: { currency: string; debits: 'negative' | 'positive' }): StatementReading {
  try {
    return format === 'csv'
      ? readCsvStatementLines(text, { defaultCurrency: query.currency, debitsAreNegative: query.debits === 'negative' })
      : readCamt053Entries(text);
  } catch (error) {
    if (!(error instanceof StatementError)) throw error;
    throw new ProblemError(422, 'unreadable_statement', `The statement cannot be read: ${error.message}`, [
      { field: error.field, in: 'body', code: FIELD_CODES[error.code], detail: `${error.code}: ${error.message}` },
    ]);
  }
}

/**
 * Imports a company-card statement: one CARD_TXN item per transaction it reads, each written
 * once (a re-import writes nothing new), the lines it cannot read named in the answer.
 * Accountants and admins only.
 */
export async function importCardStatement(context: AuthorizedContext) {
  const scope = requireRole(context.scope, ['accountant', 'admin'], 'Importing a card statement');
  const { value, errors } = context.validators.cardStatementQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as { format?: StatementFormat; currency: string; debits: 'negative' | 'positive' };
  const { text, mediaType } = readTextBody(context.event, {
    maxBytes: context.deps.config.maxBodyBytes,
    mediaTypes: Object.keys(MEDIA_FORMATS),
  });
  const format = query.format ?? MEDIA_FORMATS[mediaType] ?? sniffed(text);
  const reading = read(text, format, query);
  const cards = await readSettings(context.deps.dynamodb, context.deps.config.tableName, scope, 'CARDS', context.signal);
  const { written, alreadyKnown } = await context.cards.importAll(
    scope,
    reading.transactions,
    { format, importedAt: context.deps.clock().toISOString(), importedBy: scope.user, holders: cardHolders(cards.value) },
    context.signal,
  );
  const summary: CardStatementImport = {
    format,
    read: reading.transactions.length,
    new: written,
    alreadyKnown,
    refused: reading.refused.map((error) => ({ field: error.field, code: error.code, detail: error.message })),
  };
  return json(200, summary);
}
