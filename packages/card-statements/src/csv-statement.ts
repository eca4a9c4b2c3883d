import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { parseAmount, parseDate } from './amounts.js';
import type { CardTransaction } from './card-transaction.js';
import { strictly, type StatementReading } from './statement-reading.js';
import { StatementError } from './statement-error.js';

/** A statement bigger than this is refused before it is parsed (a year of a busy card is well under 1 MB). */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

/** The columns a CSV statement may use, each under the names issuers print (folded: lower case, no accents). */
const COLUMNS = {
  date: ['date', 'date operation', 'transaction date', 'date de l operation'],
  amount: ['amount', 'montant', 'montant eur'],
  currency: ['currency', 'devise'],
  merchant: ['merchant', 'libelle', 'description', 'commercant'],
  card: ['card', 'carte', 'card number', 'numero de carte'],
  holder: ['holder', 'porteur', 'cardholder', 'titulaire'],
  reference: ['reference', 'ref', 'transaction id', 'id'],
  originalAmount: ['original amount', 'montant origine', 'montant devise'],
  originalCurrency: ['original currency', 'devise origine'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['date', 'amount', 'merchant'];

const fold = (name: string) =>
  name
    .normalize('NFKD')
    .replaceAll(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, ' ')
    .trim();

function columnsOf(header: readonly string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((name, index) => {
    const folded = fold(name);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (found[column] === undefined && names.includes(folded)) found[column] = index;
    }
  });
  for (const column of REQUIRED) {
    if (found[column] === undefined)
      throw new StatementError(
        '/header',
        'missing_column',
        `The statement has no "${column}" column (accepted names: ${COLUMNS[column].join(', ')}).`,
      );
  }
  return found;
}

/**
 * A card statement exported as CSV: a header line naming its columns (date, amount and
 * merchant at least; currency, card, holder, reference, original amount and currency when the
 * issuer gives them), `,` or `;` between fields. A negative amount is a purchase when the
 * issuer signs debits (set `debitsAreNegative`), else a refund. `defaultCurrency` is the card
 * account's when no column says.
 */
export function readCsvStatement(text: string, options: CsvStatementOptions): CardTransaction[] {
  return strictly(readCsvStatementLines(text, options));
}

export interface CsvStatementOptions {
  readonly defaultCurrency: string;
  readonly debitsAreNegative?: boolean;
}

/**
 * As readCsvStatement, but a line that cannot be read is refused on its own (its error in
 * `refused`) and the others are read: an import keeps the good lines and names the bad ones.
 * A statement that cannot be read at all (empty, too large, no header) still throws.
 */
export function readCsvStatementLines(text: string, options: CsvStatementOptions): StatementReading {
  if (Buffer.byteLength(text) > MAX_STATEMENT_BYTES)
    throw new StatementError('/', 'too_large', `A statement may hold at most ${MAX_STATEMENT_BYTES} bytes.`);
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') throw new StatementError('/', 'empty', 'The statement is empty.');
  // NUL, or what undecodable bytes became: a PDF or a spreadsheet sent as a CSV file.
  if (content.includes('\u0000') || content.includes('\uFFFD'))
    throw new StatementError(
      '/',
      'not_a_statement',
      "The statement is not text: send the bank's CSV export or its camt.053 file (this one holds binary data, as a PDF or a spreadsheet does).",
    );
  const firstLine = content.slice(0, content.indexOf('\n') === -1 ? undefined : content.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    // csv-parse's message quotes the offending field, whatever it holds: the line and the kind of fault are enough.
    const { code, lines } = error as { code?: string; lines?: number };
    throw new StatementError(
      '/',
      'malformed',
      `The statement is not a readable CSV file: ${(code ?? 'malformed').replace(/^CSV_/, '').toLowerCase().replaceAll('_', ' ')}${lines === undefined ? '' : ` at line ${lines}`}.`,
    );
  }
  const [header = [], ...lines] = rows;
  const columns = columnsOf(header);
  // Two identical purchases on one day are two transactions: the n-th of identical lines gets its own id.
  const seen = new Map<string, number>();
  const transactions: CardTransaction[] = [];
  const refused: StatementError[] = [];
  lines.forEach((cells, index) => {
    const line = index + 2;
    const cell = (column: Column) => (columns[column] === undefined ? undefined : (cells[columns[column]] ?? '').trim() || undefined);
    const at = (column: Column) => `/lines/${line}/${column}`;
    const need = (column: Column) => {
      const value = cell(column);
      if (value === undefined) throw new StatementError(at(column), 'missing_field', `Line ${line} has no ${column}.`);
      return value;
    };
    try {
      transactions.push(transactionOf());
    } catch (error) {
      if (!(error instanceof StatementError)) throw error;
      refused.push(error);
    }

    function transactionOf(): CardTransaction {
      const { money, negative } = parseAmount(need('amount'), cell('currency') ?? options.defaultCurrency, at('amount'));
      const original = cell('originalAmount');
      const card = cell('card')?.replaceAll(/\D/g, '');
      const fields = {
        date: parseDate(need('date'), at('date')),
        direction: (negative === (options.debitsAreNegative ?? false) ? 'debit' : 'credit') as CardTransaction['direction'],
        amount: money,
        ...(original ? { originalAmount: parseAmount(original, cell('originalCurrency') ?? '', at('originalAmount')).money } : {}),
        merchant: need('merchant'),
        ...(card && card.length >= 4 ? { cardLast4: card.slice(-4) } : {}),
        ...(cell('holder') ? { holder: cell('holder')! } : {}),
      };
      const digest = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 24);
      const occurrence = (seen.get(digest) ?? 0) + 1;
      seen.set(digest, occurrence);
      const id = cell('reference') ?? `csv-${digest}-${occurrence}`;
      return { id, ...fields };
    }
  });
  return { transactions, refused };
}
