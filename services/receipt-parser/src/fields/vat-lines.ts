import type { AmountToken } from '../text/amounts.js';
import { nearlyEqual, vatOn, type Minor, type RateMilli } from '../text/money.js';
import { snapToKnownRate } from '../text/rates.js';
import type { LineFacts } from './line-facts.js';

export interface VatCandidate {
  readonly rate: RateMilli | null;
  readonly amount: Minor;
  readonly base?: Minor;
  /** The rate's total VAT included, when the line prints it. */
  readonly gross?: Minor;
  /** 1: a VAT label and an amount; 2: the amount checks against a base or a gross at the rate; 3: base + VAT = gross too. */
  readonly evidence: number;
  readonly lineIndex: number;
}

const MAX_RATE: RateMilli = 30_000;
const VAT_TABLE_HEADER = /(TVA|VAT|TAX|TAUX|RATE|MWST)/;
const VAT_TABLE_AMOUNT_COLUMN = /(\bHT\b|H\.T|BASE|\bNET\b|EXCL|MONTANT|AMOUNT|TTC|GROSS|TOTAL)/;

function vatMatches(base: Minor, rate: RateMilli, vat: Minor): boolean {
  return vat > 0 && nearlyEqual(vatOn(base, rate), vat, Math.max(2, Math.round(vat * 0.005)));
}

/** Reads one rate and its amounts: base and VAT, VAT and gross, or all three, checked by arithmetic. */
function solve(rate: RateMilli, amounts: readonly Minor[], lineIndex: number): VatCandidate | undefined {
  for (let i = 0; i < amounts.length; i++) {
    for (let j = 0; j < amounts.length; j++) {
      if (i === j) continue;
      const [base, vat] = [amounts[i]!, amounts[j]!];
      if (!vatMatches(base, rate, vat)) continue;
      const gross = amounts.find((amount, k) => k !== i && k !== j && nearlyEqual(amount, base + vat, 1));
      return gross === undefined
        ? { rate, amount: vat, base, evidence: 2, lineIndex }
        : { rate, amount: vat, base, gross, evidence: 3, lineIndex };
    }
  }
  for (const gross of amounts) {
    for (const vat of amounts) {
      if (vat < gross && vatMatches(gross - vat, rate, vat)) return { rate, amount: vat, base: gross - vat, gross, evidence: 2, lineIndex };
    }
  }
  return undefined;
}

/** "TVA 5,5% 0,07  TVA 10% 0,59": one line per rate, each with the amounts that follow it. */
function splitAtRates(line: LineFacts): LineFacts[] {
  if (line.rates.length < 2) return [line];
  return line.rates.map((rate, index) => {
    const end = line.rates[index + 1]?.start ?? Infinity;
    const start = index === 0 ? 0 : rate.start;
    return { ...line, rates: [rate], amounts: line.amounts.filter((amount) => amount.start >= start && amount.start < end) };
  });
}

function positive(amounts: readonly AmountToken[]): Minor[] {
  return amounts.map((token) => token.minor).filter((minor) => minor > 0);
}

/**
 * Every VAT line the receipt prints: "TVA 20% 7,50", "VAT @ 20% 7.50", a table row
 * "20,00 37,50 7,50 45,00" under a VAT header, "Total HT 37,50 TVA 7,50" (rate inferred)
 * or "Sales tax 3.55" (no rate).
 */
export function findVatCandidates(facts: readonly LineFacts[]): VatCandidate[] {
  const found: VatCandidate[] = [];
  let inTable = false;
  for (const line of facts.flatMap(splitAtRates)) {
    const header = line.amounts.length === 0 && VAT_TABLE_HEADER.test(line.label) && VAT_TABLE_AMOUNT_COLUMN.test(line.label);
    if (header) {
      inTable = true;
      continue;
    }
    if (line.amounts.length === 0 && line.rates.length === 0) inTable = false;
    if (line.discount || line.tip || line.change) continue;
    const amounts = positive(line.amounts);
    const rate = line.rates.find((token) => token.rate <= MAX_RATE)?.rate;
    if (rate !== undefined && rate > 0) {
      const solved = solve(rate, amounts, line.index);
      if (solved) found.push(solved);
      else if ((line.vat || inTable) && !line.exclVat && amounts.length >= 1)
        found.push({ rate, amount: line.vat ? amounts.at(-1)! : Math.min(...amounts), evidence: 1, lineIndex: line.index });
      continue;
    }
    // A table row may print its rate as a plain number first ("A 20,00 37,50 7,50").
    const [first, ...rest] = amounts;
    if ((line.vat || inTable) && first !== undefined && first <= MAX_RATE / 10 && rest.length >= 2) {
      const solved = solve(first * 10, rest, line.index);
      if (solved) {
        found.push(solved);
        continue;
      }
    }
    if (!line.vat) continue;
    if (amounts.length === 2 && line.exclVat) {
      const [base, vat] = amounts as [Minor, Minor];
      const inferred = snapToKnownRate((vat * 100_000) / base);
      if (inferred && vatMatches(base, inferred, vat))
        found.push({ rate: inferred, amount: vat, base, evidence: 2, lineIndex: line.index });
      continue;
    }
    if (amounts.length >= 1 && !line.exclVat) found.push({ rate: null, amount: amounts.at(-1)!, evidence: 1, lineIndex: line.index });
  }
  return found;
}
