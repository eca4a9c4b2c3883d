import type { RatesInputProblem } from './errors.js';

/**
 * A reference rate, exactly: units of the currency for one euro, as published ("1.1645"
 * USD, "180.91" JPY), kept as an integer and a power of ten (11645 and 4) so that no
 * conversion ever goes through a float.
 */
export interface Rate {
  /** The published decimal, unchanged. */
  readonly text: string;
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^[0-9]{1,12}(\.[0-9]{1,12})?$/;

/** The rate a cell holds, or why it is not one. */
export function parseRate(text: string): Rate | RatesInputProblem {
  if (text === '') return 'missing_rate';
  if (/^-[0-9.]+$/.test(text)) return 'negative_rate';
  if (!DECIMAL.test(text)) return 'bad_rate';
  const [whole = '', fraction = ''] = text.split('.');
  const units = BigInt(whole + fraction);
  if (units === 0n) return 'zero_rate';
  return { text, units, scale: fraction.length };
}
