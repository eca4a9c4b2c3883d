/** A calendar date, "YYYY-MM-DD" (the reference rates' day, in Frankfurt). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The UTC midnight of a valid calendar date, or undefined ("2025-02-30" is not one). */
function utcDay(year: number, month: number, day: number): number | undefined {
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? time : undefined;
}

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  return match !== null && utcDay(Number(match[1]), Number(match[2]), Number(match[3])) !== undefined;
}

/** Whole days from `earlier` to `later` (both valid ISO dates). */
export function daysBetween(earlier: IsoDate, later: IsoDate): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / DAY_MS);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The daily file's date, "05 December 2025", as an ISO date; undefined when it is not one. */
export function isoFromEcbLongDate(text: string): IsoDate | undefined {
  const match = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!) + 1;
  if (month === 0) return undefined;
  const iso = `${match[3]}-${String(month).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}
