import type { Minor } from '../text/money.js';
import type { LineFacts } from './line-facts.js';

/** Below what the parser calls sure (0.9): the receipt itself leaves the total in doubt. */
export const DOUBTFUL_TOTAL_CONFIDENCE = 0.85;

const hasAmount = (line: LineFacts) => line.amounts.some((token) => token.minor !== 0);
/** An amount of the line other than the total: a subtotal's, or another total's. */
const otherSum = (line: LineFacts, value: Minor) =>
  !line.notMoney && line.amounts.some((token) => token.minor > 0 && token.minor !== value);

/**
 * Whether a discount, coupon, voucher or remise line stands between a subtotal (or an earlier
 * total) and the line of the chosen total: whether the amount paid is the one before or after it
 * is for the receipt's reader to check (a coupon may be printed and not applied, or the other way).
 */
export function chosenAcrossDiscount(facts: readonly LineFacts[], totalLine: number, value: Minor): boolean {
  let sumAbove = false;
  for (const line of facts.slice(0, totalLine)) {
    // "Discount: 0.00" discounts nothing.
    if (line.discount && !line.total && !line.exclVat && hasAmount(line) && sumAbove) return true;
    if ((line.exclVat || line.total) && !line.discount && otherSum(line, value)) sumAbove = true;
  }
  return false;
}

/**
 * Whether a total label at least as strong as the chosen one's prints another amount, and fewer
 * than two facts (HT + VAT, a payment, cash less change...) speak for the chosen one: one fact
 * may be a coincidence (a deposit paid by card), two rarely are.
 */
export function rivalledTotal(
  candidates: readonly { readonly value: Minor; readonly strength: number }[],
  value: Minor,
  agreements: number,
): boolean {
  if (agreements >= 2) return false;
  const strength = Math.max(...candidates.filter((candidate) => candidate.value === value).map((candidate) => candidate.strength));
  return candidates.some((candidate) => candidate.value !== value && candidate.strength >= strength);
}
