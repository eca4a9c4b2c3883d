import { nearlyEqual, rateToString, toDecimalString, vatOn, type Minor, type RateMilli } from '../text/money.js';
import { snapToKnownRate } from '../text/rates.js';
import type { AmountPick } from './totals.js';
import type { Field, VatLine } from './types.js';
import type { VatCandidate } from './vat-lines.js';
import type { VatSummary } from './vat-summary.js';

/** A VAT amount printed without its rate gets one only when a printed base makes it a known rate. */
function rateOf(line: VatCandidate, base: Minor | undefined): RateMilli | null {
  if (line.rate !== null) return line.rate;
  if (base === undefined) return null;
  const inferred = snapToKnownRate((line.amount * 100_000) / base);
  return inferred !== undefined && nearlyEqual(vatOn(base, inferred), line.amount, 2) ? inferred : null;
}

/** The VAT lines as the receipt's field: confident when every line's arithmetic held and the totals add up. */
export function vatLinesField(
  vat: VatSummary,
  totalInclVat: AmountPick | null,
  totalExclVat: AmountPick | null,
): Field<readonly VatLine[]> {
  const printedBase = vat.lines.length === 1 && totalExclVat?.printed ? totalExclVat.value : undefined;
  const lines = vat.lines.map((line): VatLine => {
    const rate = rateOf(line, line.base ?? printedBase);
    return {
      rate: rate === null ? null : rateToString(rate),
      amount: toDecimalString(line.amount),
      ...(line.base !== undefined ? { base: toDecimalString(line.base) } : {}),
    };
  });
  const checked = totalInclVat?.checked === true || totalExclVat?.checked === true;
  const evidence = Math.min(...vat.lines.map((line) => line.evidence));
  const confidence = Math.min(0.98, 0.45 + 0.12 * evidence + (checked ? 0.2 : 0) - (lines.some((line) => line.rate === null) ? 0.15 : 0));
  return { value: lines, confidence: Number(confidence.toFixed(2)) };
}
