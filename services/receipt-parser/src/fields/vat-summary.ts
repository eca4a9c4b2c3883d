import { nearlyEqual, zeroMisreadings, type Minor, type RateMilli } from '../text/money.js';
import type { VatCandidate } from './vat-lines.js';

export interface VatSummary {
  readonly lines: readonly VatCandidate[];
  readonly total: Minor;
}

/**
 * One line per rate: a rate printed twice (in the body and in the VAT table) is kept once,
 * from its best-evidenced line. Amounts without a rate count only when no rate is printed,
 * and then once, as a single line (a "Total TVA" repeats the VAT lines above it).
 */
export function summariseVat(candidates: readonly VatCandidate[]): VatSummary | null {
  const byRate = new Map<RateMilli, VatCandidate>();
  for (const candidate of candidates) {
    if (candidate.rate === null) continue;
    const kept = byRate.get(candidate.rate);
    if (!kept || candidate.evidence > kept.evidence)
      byRate.set(
        candidate.rate,
        kept?.base !== undefined && candidate.base === undefined && nearlyEqual(kept.amount, candidate.amount, 0)
          ? { ...candidate, base: kept.base }
          : candidate,
      );
  }
  let lines = [...byRate.values()].sort((a, b) => a.lineIndex - b.lineIndex);
  if (lines.length > 2) {
    // A line whose amount is the sum of the others is their total, not a rate of its own (of two lines, each
    // would be the other's "sum" when their amounts are within a cent: 21 % 4,60 and 9 % 4,59).
    const sum = lines.reduce((total, line) => total + line.amount, 0);
    lines = lines.filter((line) => !(line.evidence === 1 && nearlyEqual(line.amount * 2, sum, 1)));
  }
  if (lines.length === 0) {
    const unrated = candidates.filter((candidate) => candidate.rate === null);
    if (unrated.length === 0) return null;
    // The amount printed most often wins; on a tie, the last one (totals come after details).
    const counts = new Map<Minor, number>();
    for (const candidate of unrated) counts.set(candidate.amount, (counts.get(candidate.amount) ?? 0) + 1);
    const best = unrated.reduce((kept, candidate) => (counts.get(candidate.amount)! >= counts.get(kept.amount)! ? candidate : kept));
    lines = [best];
  }
  return { lines, total: lines.reduce((total, line) => total + line.amount, 0) };
}

/**
 * With one rate and the total known, the VAT is known too: a printed VAT amount or rate that
 * misses it but would hit it with one of OCR's zero misreadings undone is read that way.
 */
export function repairSingleRateVat(summary: VatSummary | null, totalInclVat: Minor | undefined): VatSummary | null {
  const [line] = summary?.lines ?? [];
  if (!summary || summary.lines.length !== 1 || !line || line.rate === null || totalInclVat === undefined) return summary;
  const included = (rate: RateMilli) => totalInclVat - Math.round((totalInclVat * 100_000) / (100_000 + rate));
  if (nearlyEqual(line.amount, included(line.rate), 2)) return summary;
  const amount = zeroMisreadings(line.amount).find((candidate) => nearlyEqual(candidate, included(line.rate!), 1));
  if (amount !== undefined) return { lines: [{ ...line, amount }], total: amount };
  // Or the rate was misread: "TVA 18%" for 10 %.
  const rate = zeroMisreadings(line.rate).find((candidate) => nearlyEqual(line.amount, included(candidate), 1));
  return rate === undefined ? summary : { lines: [{ ...line, rate }], total: line.amount };
}
