import { DuplicateInputError } from './input-error.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date "YYYY-MM-DD", refusing a day that does not exist (2025-02-29). */
export function dayNumber(value: unknown, field: string): number {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    const date = new Date(time);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return time / DAY_MS;
  }
  throw new DuplicateInputError(field, 'invalid_date', 'a calendar date "YYYY-MM-DD" is expected');
}
