export type StatementProblemCode =
  | 'empty'
  | 'too_large'
  | 'missing_column'
  | 'invalid_date'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'missing_field'
  | 'not_a_statement'
  | 'malformed';

/** A statement that cannot be read: where (a line and column, or an XML path) and why. */
export class StatementError extends Error {
  constructor(
    readonly field: string,
    readonly code: StatementProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatementError';
  }
}
