import { findDates, findTimes, isoDate } from '../text/dates.js';
import type { Line } from '../text/lines.js';
import type { Field } from './types.js';

const LABELLED = /\bDATE\b|\bLE\b|\bDU\b|\bEMIS|\bISSUED\b|\bDATED\b|\bON\b/;
const NOT_THE_EXPENSE =
  /ECHEANCE|\bDUE\b|EXPIR|VALID|NAISSANCE|LIVRAISON|DELIVERY|PAYABLE|AVANT\s*LE|BEFORE|LIMITE|\bEXP\b|PERIODE|PERIOD\b/;
const STAY_START = /ARRIVEE|ARRIVAL|CHECK[\s-]?IN|\bDEBUT\b|\bFROM\b/;

/**
 * The date of the expense. Every date on the receipt is scored: a "Date" label, a time
 * printed beside it and a four-digit year speak for it; due dates, expiry dates and the
 * first night of a stay speak against it. Dates beyond a year after `today` are OCR noise.
 */
export function findExpenseDate(
  lines: readonly Line[],
  { monthFirst, today }: { monthFirst: boolean; today: Date | undefined },
): Field<string> | null {
  const latest = today
    ? isoDate({ year: today.getUTCFullYear() + 1, month: today.getUTCMonth() + 1, day: today.getUTCDate() })
    : '2099-12-31';
  const scored: { iso: string; score: number; ambiguous: boolean }[] = [];
  for (const line of lines) {
    const dates = findDates(line.text, { monthFirst });
    // The line's own traits, the same for each of its dates.
    const lineScore =
      (LABELLED.test(line.label) ? 1 : 0) -
      (NOT_THE_EXPENSE.test(line.label) ? 1.5 : 0) -
      (STAY_START.test(line.label) ? 0.5 : 0) +
      (dates.length > 0 && findTimes(line.text).length > 0 ? 0.7 : 0);
    for (const token of dates) {
      const iso = isoDate(token);
      if (iso > latest) continue;
      let score = 1 + lineScore;
      if (token.strong) score += 0.3;
      if (token.ambiguous) score -= 0.2;
      scored.push({ iso, score, ambiguous: token.ambiguous });
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
  if (distinct > 1) confidence *= 0.9;
  return { value: best.iso, confidence: Number(Math.max(0.1, confidence).toFixed(2)) };
}
