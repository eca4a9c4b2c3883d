const DAY_MS = 86_400_000;

/** Easter Sunday of a Gregorian year, in UTC (the anonymous Gregorian computus, as Meeus gives it). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** Whether SEPA credit transfers settle on this UTC day: not a weekend, nor a TARGET2 closing day. */
export function isTargetBusinessDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = day.toISOString().slice(5, 10);
  if (['01-01', '05-01', '12-25', '12-26'].includes(monthDay)) return false;
  const easter = easterSunday(day.getUTCFullYear()).getTime();
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  // Good Friday and Easter Monday.
  return midnight !== easter - 2 * DAY_MS && midnight !== easter + DAY_MS;
}

/**
 * A SEPA file's requested execution date (ReqdExctnDt, YYYY-MM-DD): the first TARGET2 business
 * day after the UTC day the file is written (why not that day: see the README).
 */
export function executionDateFor(writtenAt: Date): string {
  let day = new Date(Date.UTC(writtenAt.getUTCFullYear(), writtenAt.getUTCMonth(), writtenAt.getUTCDate()) + DAY_MS);
  while (!isTargetBusinessDay(day)) day = new Date(day.getTime() + DAY_MS);
  return day.toISOString().slice(0, 10);
}
