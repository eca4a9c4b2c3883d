import type { RateMilli } from './money.js';

export interface RateToken {
  readonly rate: RateMilli;
  readonly start: number;
  readonly end: number;
}

const PERCENT = /(?<![\d.,])(\d{1,2})(?:[.,](\d{1,3}))?\s?%/g;

/** Percentages printed on a line ("20%", "5,5 %", "8.875%"), in thousandths of a percent. */
export function findRates(line: string): RateToken[] {
  return [...line.matchAll(PERCENT)].map((match) => ({
    rate: Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** VAT rates in use in the EU, the UK and Switzerland, in thousandths of a percent. */
export const KNOWN_VAT_RATES: readonly RateMilli[] = [
  20_000, 10_000, 5_500, 2_100, 8_500, 13_000, 0, 19_000, 7_000, 21_000, 6_000, 12_000, 22_000, 4_000, 5_000, 9_000, 17_000, 23_000, 3_000,
  25_000, 24_000, 16_000, 15_000, 8_100, 2_600, 3_800, 7_700, 2_500, 3_700,
];

/** The known rate a computed one (e.g. VAT / base) rounds to, if one is close enough. */
export function snapToKnownRate(rate: number): RateMilli | undefined {
  let best: RateMilli | undefined;
  for (const known of KNOWN_VAT_RATES) {
    if (Math.abs(known - rate) <= Math.max(60, known * 0.01) && (best === undefined || Math.abs(known - rate) < Math.abs(best - rate)))
      best = known;
  }
  return best;
}
