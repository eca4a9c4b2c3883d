export { parseAmount, parseDate } from './amounts.js';
export { readCamt053, readCamt053Entries } from './camt053.js';
export type { CardTransaction } from './card-transaction.js';
export { MAX_STATEMENT_BYTES, readCsvStatement, readCsvStatementLines, type CsvStatementOptions } from './csv-statement.js';
export { matchTransactions, type CardMatch, type MatchOptions, type MatchResult, type NoteForMatching } from './match.js';
export { lastOverdueDate, overdueTransactions, type OverdueTransaction } from './overdue.js';
export { StatementError, type StatementProblemCode } from './statement-error.js';
export { strictly, type StatementReading } from './statement-reading.js';
