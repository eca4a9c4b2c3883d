import { nearlyEqual, zeroMisreadings, type Minor } from '../text/money.js';
import {
  ROUNDING_REACH,
  ROUNDING_STEP_LIMIT,
  baseAndTax,
  cashLessChange,
  matchesBaseAndTax,
  roundingAmounts,
  totalLabelStrength,
} from './amount-roles.js';
import { itemsSum } from './items-sum.js';
import type { LineFacts } from './line-facts.js';
import { DOUBTFUL_TOTAL_CONFIDENCE, chosenAcrossDiscount, rivalledTotal } from './total-doubts.js';

export interface AmountPick {
  readonly value: Minor;
  readonly confidence: number;
  /** Whether HT + VAT = TTC held for the pick. */
  readonly checked: boolean;
  /** False when computed from other amounts (TTC − VAT) rather than read. */
  readonly printed: boolean;
}

export interface Candidate {
  readonly value: Minor;
  readonly strength: number;
  readonly position: number;
}

function positives(line: LineFacts): Minor[] {
  return line.amounts.map((token) => token.minor).filter((minor) => minor > 0);
}

const hasLabel = (line: LineFacts) =>
  line.total ||
  line.exclVat ||
  line.vat ||
  line.payment ||
  line.cashGiven ||
  line.change ||
  line.tip ||
  line.discount ||
  /[A-Z]{3}/.test(line.label.replace(/EUR|USD|GBP|CHF/g, ''));

/** The amounts a labelled line stands for: its own, or those of the next line when the label stands alone. */
function amountsFor(facts: readonly LineFacts[], index: number): Minor[] {
  const own = positives(facts[index]!);
  if (own.length > 0 || facts[index]!.amounts.length > 0) return own;
  const next = facts[index + 1];
  return next && !hasLabel(next) ? positives(next) : [];
}

/** On a line with several amounts, the total is the one the others add up to, else the last. */
function totalOnLine(amounts: readonly Minor[]): Minor | undefined {
  for (const total of amounts) {
    if (amounts.some((a, i) => amounts.some((b, j) => i < j && a !== total && b !== total && nearlyEqual(a + b, total, 1)))) return total;
  }
  return amounts.at(-1);
}

interface Score {
  readonly bonus: number;
  readonly checked: boolean;
  /** How many independent facts the amount agrees with. */
  readonly agreements?: number;
}

/**
 * Tendered − change is what was paid: when it is the chosen total plus a printed rounding, it is the
 * rounded total; when it disagrees otherwise, one of the two is misread, and the total is not sure.
 */
function settledByCash(picked: AmountPick, paid: Minor | undefined, adjustments: readonly Minor[]): AmountPick {
  if (paid === undefined || paid === picked.value) return picked;
  if (adjustments.includes(Math.abs(paid - picked.value))) return { ...picked, value: paid, confidence: 0.85 };
  return { ...picked, confidence: Math.min(picked.confidence, 0.7) };
}

/** Whether an amount is printed on a line that is neither the cash tendered nor the change. */
const printedElsewhere = (facts: readonly LineFacts[], value: Minor): boolean =>
  facts.some((line) => !line.change && !line.cashGiven && !line.payment && positives(line).includes(value));

export interface TotalsContext {
  readonly vatTotal: Minor | undefined;
  /** Bases of the VAT lines, when every line prints one. */
  readonly basesTotal: Minor | undefined;
}

function pickBest(candidates: readonly Candidate[], score: (value: Minor) => Score, base: (strength: number) => number): AmountPick | null {
  let best: { value: Minor; score: number; strength: number; checked: boolean; support: number; agreements: number } | null = null;
  const values = new Set(candidates.map((candidate) => candidate.value));
  for (const value of values) {
    const same = candidates.filter((candidate) => candidate.value === value);
    const strength = Math.max(...same.map((candidate) => candidate.strength));
    const lastPosition = Math.max(...same.map((candidate) => candidate.position));
    const { bonus, checked, agreements = checked ? 1 : 0 } = score(value);
    const total = strength + bonus + 0.3 * (same.length - 1) + 0.001 * lastPosition;
    if (!best || total > best.score) best = { value, score: total, strength, checked, support: same.length - 1, agreements };
  }
  if (!best) return null;
  // Each independent fact the amount agrees with (HT + VAT, cash − change, a card payment) is worth more than a label.
  const confidence = Math.min(0.99, base(best.strength) + 0.2 * Math.min(best.agreements, 2) + 0.05 * Math.min(best.support, 3));
  return { value: best.value, confidence: Number(confidence.toFixed(2)), checked: best.checked, printed: true };
}

/**
 * The total paid, VAT included. Candidates are amounts on "total" lines (strongest for
 * "TOTAL TTC", "NET A PAYER", "AMOUNT DUE"), never on change, discount, subtotal or VAT
 * lines; payment lines support the amount they repeat, and HT + VAT (+ tip) = TTC settles it.
 * Without any total label, a payment line's amount, else the largest amount, with a low confidence.
 */
export function findTotalInclVat(facts: readonly LineFacts[], exclVatValues: readonly Minor[], context: TotalsContext): AmountPick | null {
  const candidates: Candidate[] = [];
  const payments: Minor[] = [];
  const tips: Minor[] = [];
  const footers: { base: Minor; tax: Minor }[] = [];
  facts.forEach((line, index) => {
    if (line.change) return;
    if (line.tip && !line.total) tips.push(...positives(line));
    if (line.payment && !line.total && !line.cashGiven) payments.push(...amountsFor(facts, index));
    const strength = line.total ? totalLabelStrength(line) : 0;
    if (strength === 0 || line.exclVat || line.discount || (line.vat && strength < 3) || (line.tip && !line.totalDue)) return;
    const amounts = amountsFor(facts, index);
    const footer = strength === 2 && !line.vat ? baseAndTax(amounts) : undefined;
    if (footer) {
      footers.push(footer);
      return;
    }
    // "TOTAL TTC 45,00 dont TVA 7,50": the total is the amount before the VAT.
    const value = line.vat && amounts.length === 2 ? amounts[0] : totalOnLine(amounts);
    if (value !== undefined) candidates.push({ value, strength, position: index });
  });
  const paid = cashLessChange(facts);
  const lastTotal = Math.max(...candidates.map((candidate) => candidate.position));
  const items = Number.isFinite(lastTotal) ? itemsSum(facts, lastTotal) : undefined;
  const roundingLines = roundingAmounts(facts);
  const adjustments = roundingLines.filter((line) => line.value < ROUNDING_STEP_LIMIT).map((line) => line.value);
  // Where each amount is first and last a candidate: the rounding rules look amounts up rather than scan every pair.
  const firstAt = new Map<Minor, number>();
  const lastAt = new Map<Minor, number>();
  for (const candidate of candidates) {
    if (!firstAt.has(candidate.value)) firstAt.set(candidate.value, candidate.position);
    lastAt.set(candidate.value, candidate.position);
  }
  const aboveAt = (value: Minor, position: number) => (firstAt.get(value) ?? Infinity) < position;
  // "ROUNDING RM 182.00" under "TOTAL 181.98": the line prints the rounded total, the strongest candidate.
  for (const line of roundingLines) {
    const near = Array.from({ length: 2 * ROUNDING_REACH + 1 }, (_, step) => line.value - ROUNDING_REACH + step);
    if (line.value >= ROUNDING_STEP_LIMIT && near.some((value) => aboveAt(value, line.position)))
      candidates.push({ value: line.value, strength: 4, position: line.position });
  }
  // A total printed after another one and a rounding line, that the rounding takes it to, is the rounded total.
  const steps = [...new Set(adjustments)];
  const rounded = (value: Minor): boolean => {
    const last = lastAt.get(value);
    return last !== undefined && steps.some((step) => aboveAt(value - step, last) || aboveAt(value + step, last));
  };
  const checks = (value: Minor): boolean => {
    const vat = context.vatTotal;
    if (vat === undefined) return false;
    const bases = [...exclVatValues, ...(context.basesTotal === undefined ? [] : [context.basesTotal])];
    const tipTotal = tips.reduce((sum, tip) => sum + tip, 0);
    return bases.some((base) => nearlyEqual(base + vat, value, 2) || (tipTotal > 0 && nearlyEqual(base + vat + tipTotal, value, 2)));
  };
  const score = (value: Minor): Score => {
    const checked = checks(value);
    const paidByCard = payments.includes(value);
    const paidInCash = paid !== undefined && nearlyEqual(paid, value, 0);
    const footed = matchesBaseAndTax(value, footers);
    const roundedTotal = rounded(value);
    const itemsAddUp = items !== undefined && nearlyEqual(items, value, 1);
    const agreements = [checked || footed, paidByCard, paidInCash, roundedTotal, itemsAddUp].filter(Boolean).length;
    const repeats = payments.filter((payment) => payment === value).length;
    const bonus =
      (paidByCard ? 1.2 + 0.3 * (repeats - 1) : 0) +
      (checked ? 2 : footed ? 1.5 : 0) +
      (paidInCash ? 1.5 : 0) +
      (roundedTotal ? 1.5 : 0) +
      (itemsAddUp ? 1.5 : 0);
    return { bonus, checked, agreements };
  };
  if (candidates.length > 0) {
    const picked = pickBest(candidates, score, (strength) => (strength >= 3 ? 0.7 : 0.55))!;
    // No label agrees with anything, but what was tendered less the change is printed on the receipt: that was paid.
    if (picked.confidence < 0.75 && paid !== undefined && paid !== picked.value && printedElsewhere(facts, paid))
      return { value: paid, confidence: 0.6, checked: checks(paid), printed: true };
    // A total that misses HT + VAT but meets it with a slashed zero read back ("52.48" for "52.40").
    const repaired = picked.checked ? undefined : zeroMisreadings(picked.value).find(checks);
    const chosen = repaired === undefined ? picked : { ...picked, value: repaired, checked: true };
    const settled = settledByCash(chosen, paid, adjustments);
    const line = firstAt.get(picked.value);
    const doubtful =
      (line !== undefined && chosenAcrossDiscount(facts, line, settled.value)) ||
      (settled.value === picked.value && rivalledTotal(candidates, picked.value, score(picked.value).agreements ?? 0));
    return doubtful ? { ...settled, confidence: Math.min(settled.confidence, DOUBTFUL_TOTAL_CONFIDENCE) } : settled;
  }

  const footed = footers.map((footer) => footer.base + footer.tax);
  if (footed.length > 0)
    return pickBest(
      footed.map((value, position) => ({ value, strength: 1, position })),
      score,
      () => 0.45,
    );
  if (paid !== undefined && printedElsewhere(facts, paid)) return { value: paid, confidence: 0.55, checked: checks(paid), printed: true };
  if (payments.length > 0)
    return pickBest(
      payments.map((value, position) => ({ value, strength: 1, position })),
      score,
      () => 0.45,
    );
  const loose = facts.flatMap((line, position) =>
    line.change || line.cashGiven || line.discount || line.notMoney || line.rates.length > 0
      ? []
      : positives(line).map((value) => ({ value, strength: 1, position })),
  );
  const largest = Math.max(...loose.map((candidate) => candidate.value));
  const picked = pickBest(
    loose.filter((candidate) => candidate.value === largest),
    score,
    () => 0.25,
  );
  return picked;
}

/**
 * The total excluding VAT: a "TOTAL HT", "Subtotal", "Net" line, the one that with the VAT
 * makes the total if several; otherwise the bases of the VAT lines, or TTC − VAT.
 */
export function exclVatCandidates(facts: readonly LineFacts[]): Candidate[] {
  const candidates: Candidate[] = [];
  facts.forEach((line, index) => {
    if (!line.exclVat || line.discount || line.rates.length > 0) return;
    const amounts = amountsFor(facts, index);
    // "HT 37,50 TVA 7,50 TTC 45,00" on one line: the base is the first of the sum.
    const value =
      amounts.length >= 3
        ? (amounts.find((a, i) => amounts.some((b, j) => j > i && amounts.some((c) => nearlyEqual(a + b, c, 1)))) ?? amounts[0])
        : line.vat && amounts.length === 2
          ? amounts[0]
          : amounts.at(-1);
    if (value !== undefined) candidates.push({ value, strength: line.total ? 3 : 2, position: index });
  });
  return candidates;
}

export function findTotalExclVat(
  candidates: readonly Candidate[],
  totalInclVat: Minor | undefined,
  context: TotalsContext,
): AmountPick | null {
  const vat = context.vatTotal;
  const checks = (value: Minor) => totalInclVat !== undefined && vat !== undefined && nearlyEqual(value + vat, totalInclVat, 2);
  const picked = pickBest(
    candidates,
    (value) => ({ bonus: checks(value) ? 2 : 0, checked: checks(value) }),
    (strength) => (strength >= 3 ? 0.65 : 0.5),
  );
  if (picked?.checked) return picked;
  // The VAT lines' bases beat a printed subtotal that does not add up (a French "sous-total" is often VAT included).
  if (context.basesTotal !== undefined && (checks(context.basesTotal) || !picked))
    return {
      value: context.basesTotal,
      confidence: checks(context.basesTotal) ? 0.8 : 0.5,
      checked: checks(context.basesTotal),
      printed: true,
    };
  if (picked) return picked;
  if (totalInclVat !== undefined && vat !== undefined)
    return { value: totalInclVat - vat, confidence: 0.45, checked: false, printed: false };
  return null;
}
