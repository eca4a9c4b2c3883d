import { readFileSync } from 'node:fs';
import { parseEcbDaily, parseEcbHistory, RatesInputError, RateTable } from '../src/index.js';

/** A hand-written sample of the ECB's files, in their exact format. */
export const fixtureText = (name: 'eurofxref.csv' | 'eurofxref-hist.csv'): string =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** The table of both samples: 2025-12-05 (daily file) and 2025-12-19 to 2025-12-31 (history). */
export const sampleTable = (): RateTable =>
  RateTable.of([...parseEcbHistory(fixtureText('eurofxref-hist.csv')), parseEcbDaily(fixtureText('eurofxref.csv'))]);

/** The error of this type `run` throws, for its problem, line and field to be checked. */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

export const inputErrorOf = (run: () => unknown): RatesInputError => thrownBy(RatesInputError, run);
