import type { DateToken } from './dates.js';

/** Digits a thermal print or a scan makes OCR read as another: what was read → what may have been printed. */
const MISREAD_AS: Readonly<Record<string, string>> = {
  '0': '86',
  '1': '7',
  '3': '8',
  '5': '63',
  '6': '058',
  '7': '1',
  '8': '306',
  '9': '0',
};

type Day = Pick<DateToken, 'year' | 'month' | 'day'>;

function isCalendarDay({ year, month, day }: Day): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Each reading of two printed digits with one of them misread. */
function oneDigitOff(value: number): number[] {
  const digits = String(value).padStart(2, '0');
  return [...digits].flatMap((digit, at) =>
    [...(MISREAD_AS[digit] ?? '')].map((other) => Number(digits.slice(0, at) + other + digits.slice(at + 1))),
  );
}

/**
 * The days a date could have been with one digit of its day, month or year's last two misread,
 * kept when `plausible` accepts them: "15-03-13" read on a 2018 upload was 15-03-18.
 */
export function slipReadings(date: Day, plausible: (day: Day) => boolean): Day[] {
  const century = date.year - (date.year % 100);
  const readings = [
    ...oneDigitOff(date.day).map((day) => ({ ...date, day })),
    ...oneDigitOff(date.month).map((month) => ({ ...date, month })),
    ...oneDigitOff(date.year % 100).map((year) => ({ ...date, year: century + year })),
  ];
  return readings.filter((reading) => isCalendarDay(reading) && plausible(reading));
}
