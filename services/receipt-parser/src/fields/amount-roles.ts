import { nearlyEqual, type Minor } from '../text/money.js';
import type { LineFacts } from './line-facts.js';

// Labels read on folded uppercase text (see labelOf); spaces are optional because OCR drops them.

/** "TOTAL INCL. GST", "TOTAL SALES (INCLUSIVE OF TAX)", "TOTAL TVA INCLUSE": the amount paid, tax in. */
// OCR reads the I of INCL as L, 1 or J, its NC as J ("iJlusive"), and OF as CF.
const INCLUSIVE_TOTAL =
  /[IL1]NCL(?:\.|USIVE|UDING|\b)\s*(?:[OC0]F\s*)?(?:GST|TAX|VAT|TVA|SST)|\b[IL1J][A-Z]{0,2}LUSIVE\s*(?:[OC0]F\s*)?(?:GST|TAX|VAT|TVA|SST)|(?:GST|TAX|VAT|TVA)\s*[IL1J]NCLU(?:SE|DED)?\b/;
/** "TOTAL ROUNDED", "ROUNDED TOTAL", "TOTAL ARRONDI", "TOTAL AMT ROUNDED": the total after cash rounding. */
const ROUNDED_TOTAL = /T[O0]TA[L1I].*ROUND|ROUNDED\s*T[O0]TA[L1I]|T[O0]TA[L1I].*ARRONDI/;
/** A rounding adjustment alone ("ROUNDING 0.02", "ARRONDI -0,03"): never the total. */
const ROUNDING_LINE = /ROUNDING|\bROUND\s*(?:ADJ|AMT)|^\s*ARRONDI/;
/** A tax total whose words OCR glued ("TOTALTAX", "TOTALGST", "TOTALTVA"): the tax, not the total. */
const GLUED_TAX_TOTAL = /T[O0]TA[L1I](?:TAX|GST|VAT|TVA|SST)\b/;

/** How strongly a total line's label says "the amount paid": 0 when it says it is not. */
export function totalLabelStrength(line: LineFacts): number {
  if (ROUNDED_TOTAL.test(line.label)) return 4;
  if (GLUED_TAX_TOTAL.test(line.label) || ROUNDING_LINE.test(line.label) || line.notMoney) return 0;
  if (line.totalDue || INCLUSIVE_TOTAL.test(line.label)) return 3;
  return 2;
}

/** A tax-rate share (up to 27 %, the highest VAT rate) of a base: what a tax column next to its base looks like. */
const isTaxOf = (tax: Minor, base: Minor): boolean => tax >= 0 && tax * 100 <= base * 27;

/**
 * "Total : 45.00 2.70" at the foot of a tax summary: a base and its tax, not a total and
 * something else. Their sum is a total to check the others against.
 */
export function baseAndTax(amounts: readonly Minor[]): { base: Minor; tax: Minor } | undefined {
  if (amounts.length !== 2) return undefined;
  const [base, tax] = amounts as [Minor, Minor];
  return tax < base && isTaxOf(tax, base) ? { base, tax } : undefined;
}

/** The last amount of each line that applies: "80,90 RENDU 19,10" gives back 19,10. */
function lastAmounts(facts: readonly LineFacts[], applies: (line: LineFacts) => boolean): Minor[] {
  return facts.flatMap((line) => {
    const amount = applies(line) ? line.amounts.at(-1) : undefined;
    return amount ? [Math.abs(amount.minor)] : [];
  });
}

/** What was tendered (cash, or a payment line) minus the change given back, when the receipt prints both. */
export function cashLessChange(facts: readonly LineFacts[]): Minor | undefined {
  const change = lastAmounts(facts, (line) => line.change)[0];
  if (change === undefined) return undefined;
  // "CASH 71.00" then "CASH RECEIVED 101.00": the largest amount is what was handed over.
  const tendered = Math.max(...lastAmounts(facts, (line) => (line.cashGiven || line.payment) && !line.change && !line.total));
  if (!Number.isFinite(tendered) || change > tendered) return undefined;
  return tendered - change;
}

/** The amounts of rounding lines ("ROUNDING ADJ 0.02", "ARRONDI -0,03", "ROUNDING RM 182.00"), as sizes, with their line. */
export function roundingAmounts(facts: readonly LineFacts[]): { value: Minor; position: number }[] {
  return facts.flatMap((line, position) =>
    ROUNDING_LINE.test(line.label)
      ? line.amounts.filter((token) => token.minor !== 0).map((token) => ({ value: Math.abs(token.minor), position }))
      : [],
  );
}

/** Under one unit of currency, a rounding line prints the adjustment; above, the rounded total itself. */
export const ROUNDING_STEP_LIMIT = 100;
/** How far a till rounds a total: to the nearest 5 or 10 cents at most. */
export const ROUNDING_REACH = 10;

/** Whether an amount is the sum of a footer's base and tax. */
export const matchesBaseAndTax = (value: Minor, pairs: readonly { base: Minor; tax: Minor }[]): boolean =>
  pairs.some((pair) => nearlyEqual(pair.base + pair.tax, value, 2));
