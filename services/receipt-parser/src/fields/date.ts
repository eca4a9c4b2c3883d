import { findDates, findTimes, isoDate, type DateToken } from '../text/dates.js';
import type { Line } from '../text/lines.js';
import { slipReadings } from '../text/date-slips.js';
import type { Field } from './types.js';

// "DATE" within a word too: BIZDATE, INVOICEDATE, DATEFACTURE.
const LABELLED = /DATE|\bLE\b|\bDU\b|\bEMIS|\bISSUED\b|\bON\b/;
const NOT_THE_EXPENSE =
  /ECHEANCE|\bDUE\b|EXPIR|VALID|NAISSANCE|LIVRAISON|DELIVERY|PAYABLE|AVANT\s*LE|BEFORE|LIMITE|\bEXP\b|PERIODE|PERIOD\b/;
const STAY_START = /ARRIVEE|ARRIVAL|CHECK[\s-]?IN|\bDEBUT\b|\bFROM\b/;
// A receipt claimed years after its day is rare: such a year is more likely an OCR slip.
const OLDEST_PLAUSIBLE_YEARS = 2;
const OLD_DATE_CONFIDENCE = 0.8;

interface Candidate {
  readonly iso: string;
  readonly score: number;
  readonly ambiguous: boolean;
  /** Read through an OCR slip: a digit one misread away, or a garbled month's name. */
  readonly repaired: boolean;
  /** Years before the upload: read as printed, never quite sure. */
  readonly old?: boolean;
}

/** The days a receipt uploaded on `today` can bear: not after it (a day's slack for time zones), not years before. */
function plausibleSpan(today: Date | undefined): { earliest: string; latest: string } {
  if (!today) return { earliest: '2000-01-01', latest: '2099-12-31' };
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const day = (date: Date, yearsBack = 0) =>
    isoDate({ year: date.getUTCFullYear() - yearsBack, month: date.getUTCMonth() + 1, day: date.getUTCDate() });
  return { earliest: day(today, OLDEST_PLAUSIBLE_YEARS), latest: day(tomorrow) };
}

/**
 * The readings of one printed date: itself when plausible; otherwise the plausible days one
 * misread digit away, or, for a date too old with none, itself at a lower score. A date after
 * the upload with no slip to explain it is left out.
 */
function readingsOf(token: DateToken, score: number, span: { earliest: string; latest: string }): Candidate[] {
  const iso = isoDate(token);
  const guessed = token.guessedMonth === true;
  if (iso >= span.earliest && iso <= span.latest) return [{ iso, score, ambiguous: token.ambiguous, repaired: guessed }];
  const slips = slipReadings(token, (day) => {
    const reading = isoDate(day);
    return reading >= span.earliest && reading <= span.latest;
  });
  if (slips.length > 0) return slips.map((day) => ({ iso: isoDate(day), score: score - 0.5, ambiguous: token.ambiguous, repaired: true }));
  // An old receipt is rare but real, and whether it may be claimed is the policy's to say: read as printed, less sure.
  return iso < span.earliest ? [{ iso, score: score - 0.3, ambiguous: token.ambiguous, repaired: guessed, old: true }] : [];
}

/**
 * The date of the expense. Every date on the receipt is scored: a "Date" label, a time
 * printed beside it and a four-digit year speak for it; due dates, expiry dates and the
 * first night of a stay speak against it, and so does a day the upload time makes implausible.
 */
export function findExpenseDate(
  lines: readonly Line[],
  { monthFirst, today }: { monthFirst: boolean; today: Date | undefined },
): Field<string> | null {
  const span = plausibleSpan(today);
  const scored: Candidate[] = [];
  for (const line of lines) {
    const dates = findDates(line.text, { monthFirst });
    // The line's own traits, the same for each of its dates.
    const lineScore =
      (LABELLED.test(line.label) ? 1 : 0) -
      (NOT_THE_EXPENSE.test(line.label) ? 1.5 : 0) -
      (STAY_START.test(line.label) ? 0.5 : 0) +
      (dates.length > 0 && findTimes(line.text).length > 0 ? 0.7 : 0);
    for (const token of dates) {
      let score = 1 + lineScore;
      if (token.strong) score += 0.3;
      if (token.ambiguous) score -= 0.2;
      scored.push(...readingsOf(token, score, span));
    }
  }
  if (scored.length === 0) return null;
  const counts = new Map<string, number>();
  for (const { iso } of scored) counts.set(iso, (counts.get(iso) ?? 0) + 1);
  const repeats = (iso: string) => counts.get(iso)! - 1;
  const best = scored.reduce((kept, date) => (date.score + 0.3 * repeats(date.iso) > kept.score + 0.3 * repeats(kept.iso) ? date : kept));
  const distinct = new Set(scored.map((date) => date.iso)).size;
  let confidence = Math.min(0.97, 0.45 + 0.15 * best.score + 0.05 * repeats(best.iso));
  if (best.ambiguous) confidence *= 0.8;
  if (best.repaired) confidence *= 0.7;
  if (distinct > 1) confidence *= 0.9;
  // The only day the receipt prints, read one way only, as printed, beside its label or its time.
  else if (!best.ambiguous && !best.repaired && best.score >= 2) confidence = Math.max(confidence, 0.9);
  if (best.old) confidence = Math.min(confidence, OLD_DATE_CONFIDENCE);
  return { value: best.iso, confidence: Number(Math.max(0.1, confidence).toFixed(2)) };
}
