import type { CardTransaction } from './card-transaction.js';
import type { StatementError } from './statement-error.js';

/** A statement read line by line: the transactions of the lines that could be read, and why each other line could not. */
export interface StatementReading {
  readonly transactions: readonly CardTransaction[];
  readonly refused: readonly StatementError[];
}

/** The whole statement or nothing: the first refused line is the statement's error. */
export function strictly(reading: StatementReading): CardTransaction[] {
  const [firstRefused] = reading.refused;
  if (firstRefused) throw firstRefused;
  return [...reading.transactions];
}
