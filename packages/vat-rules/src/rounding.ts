/**
 * Rounding to the cent, half up, once per VAT line: each line is what the invoice prints
 * for its rate and what the entry books on its own 44566 line (one VAT line per rate), so
 * a line rounded on its own keeps the booked figures equal to the printed ones; rounding a
 * total instead would let the lines and their sum disagree by a cent. Half up (0.005 →
 * 0.01) is the commercial rounding French invoices use. Amounts here are never negative.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divideHalfUp takes a non-negative numerator and a positive denominator');
  return (2n * numerator + denominator) / (2n * denominator);
}

const BP_PER_UNIT = 10_000n;

/** The VAT on a base at a rate in basis points, in minor units. */
export function vatOnBase(baseMinor: bigint, rateBp: bigint): bigint {
  return divideHalfUp(baseMinor * rateBp, BP_PER_UNIT);
}

/** The base a VAT amount implies at a rate, in minor units. */
export function baseOfVat(vatMinor: bigint, rateBp: bigint): bigint {
  return divideHalfUp(vatMinor * BP_PER_UNIT, rateBp);
}

/** A whole percentage of an amount, in minor units. */
export function percentOf(amountMinor: bigint, percent: bigint): bigint {
  return divideHalfUp(amountMinor * percent, 100n);
}

/** |a - b| */
export function distance(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a;
}
