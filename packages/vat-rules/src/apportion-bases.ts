import { baseOfVat } from './rounding.js';

const BP_PER_UNIT = 10_000n;

const ceilDiv = (numerator: bigint, denominator: bigint): bigint => (numerator + denominator - 1n) / denominator;

/**
 * The bases whose VAT at `rateBp`, rounded half up, is `vat`: from lowest to highest. At
 * 5.5 % a VAT of 0.07 is any base from 1.19 to 1.36, so a base taken back from its VAT alone
 * can be several cents off.
 */
export function basesGiving(vat: bigint, rateBp: bigint): { lowest: bigint; highest: bigint } {
  // vat − ½ ≤ base × rate < vat + ½, in cents and basis points
  const lowest = ceilDiv((2n * vat - 1n) * BP_PER_UNIT, 2n * rateBp);
  const highest = ceilDiv((2n * vat + 1n) * BP_PER_UNIT, 2n * rateBp) - 1n;
  return { lowest, highest };
}

/**
 * Bases for VAT lines printed without them, given only what they add up to (`sum`): each
 * starts as its VAT taken back at its rate, then the difference to `sum` is given to or
 * taken from the lines in order, each staying within the bases its VAT allows. When `sum`
 * is out of reach, the bases stop at their bounds and the totals check reports the gap.
 */
export function apportionBases(lines: readonly { readonly vat: bigint; readonly rateBp: bigint }[], sum: bigint): bigint[] {
  const ranges = lines.map((line) => basesGiving(line.vat, line.rateBp));
  const bases = lines.map((line) => baseOfVat(line.vat, line.rateBp));
  let gap = sum - bases.reduce((total, base) => total + base, 0n);
  bases.forEach((base, index) => {
    const { lowest, highest } = ranges[index]!;
    const step = gap > 0n ? min(gap, highest - base) : -min(-gap, base - lowest);
    bases[index] = base + step;
    gap -= step;
  });
  return bases;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
