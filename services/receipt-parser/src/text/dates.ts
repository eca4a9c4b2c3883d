import { slipReadings } from './date-slips.js';
import { MONTH_NUMBER, garbledMonth } from './month-names.js';
import { foldForKeywords } from './normalize.js';

export interface DateToken {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly start: number;
  readonly end: number;
  /** The day and month could be read either way round (03/04/2024). */
  readonly ambiguous: boolean;
  /** A month name or a four-digit year: less room for OCR to have made it up. */
  readonly strong: boolean;
  /** The month's name was read through an OCR slip (garbledMonth): a guess, however plausible. */
  readonly guessedMonth?: boolean;
}

const MONTH = [...MONTH_NUMBER.keys()].sort((a, b) => b.length - a.length).join('|');

// Where a date ends: no digit after it, unless they are a time printed without a space ("20/04/20189:01:22PM").
const DATE_END = String.raw`(?:(?!\d|[.,]\d)|(?=(?:[01]?\d|2[0-3])[:H][0-5]\d))`;
// Four digits followed by ":mm" are a two-digit year and the hour ("05/04/2316:32"), not a year.
const YEAR = String.raw`(2\d{3}(?![:H]\d)|\d{2})`;
const DAY_MONTH_YEAR = new RegExp(String.raw`(?<![\d.,])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?${YEAR}${DATE_END}`, 'gi');
const YEAR_MONTH_DAY = new RegExp(String.raw`(?<![\d.,])(2[0-9]\d{2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{1,2})${DATE_END}`, 'gi');
// OCR drops or changes one separator: "31 12-2022", "31.12 2022". Only with a four-digit year.
const MIXED_SEPARATORS = new RegExp(
  String.raw`(?<![\d.,])(\d{1,2})(?:\s?[/.-]\s?|\s)(\d{1,2})(?:\s?[/.-]\s?|\s)(20\d{2})${DATE_END}`,
  'gi',
);
// OCR may read a separator as a stray sign or letter before the month's name ("14AMay/2017", "3|MARS 2024"),
// or as a digit before a four-digit year ("14/Jun22017": not June 2).
const DAY_NAME_YEAR = new RegExp(
  String.raw`(?<![\d])(\d{1,2})(?:ER|ST|ND|RD|TH)?\.?[\s\-/|]*[A-Z|]?(${MONTH})\.?(?:[\s\-/,|]*|\d(?=20\d{2}))(2\d{3}|\d{2})${DATE_END}`,
  'g',
);
// After its label only, a date printed without separators, or with one read as 1: "DATE:25042017", "DATE:250412017", "DATE 20170425".
const LABELLED_COMPACT = /(?<=DATE\s?[:.]?\s?)(?:(\d{2})(\d{2})[1/]?(20\d{2})|(20\d{2})(\d{2})(\d{2}))(?!\d)/g;
// The month's name may be glued to the label before it ("DATEFEBRUARY24,2023").
const NAME_DAY_YEAR = new RegExp(String.raw`(?:(?<![A-Z])|(?<=DATE))(${MONTH})\.?\s*(\d{1,2})(?:ST|ND|RD|TH)?,?\s*(\d{4})${DATE_END}`, 'g');
// A month's name the OCR garbled, between a day and a four-digit year: "14/UM/2017" (JUN's J taken into the slash, its N read M).
const DAY_GARBLED_MONTH_YEAR = new RegExp(
  String.raw`(?<![\d])(\d{1,2})\s?([/.-])\s?((?=[A-Z0]*[A-Z])[A-Z0]{2,4})\s?\2\s?(20\d{2})${DATE_END}`,
  'g',
);

function isValid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A two-digit year is this century's; OCR often reads the 0 of "2023" as 8, 6 or 9 ("2823"). */
function fullYear(text: string): number {
  if (text.length === 2) return 2000 + Number(text);
  return /^2[3689]\d{2}$/.test(text) ? Number(`20${text.slice(2)}`) : Number(text);
}

/**
 * A slashed or dotted zero is often read as 8, 6 or 9: "24-85-2022", "81/08/24". A two-digit
 * day or month that starts with one of them is read with a 0 instead; the caller only asks
 * when the date as read is impossible.
 */
function zeroRepaired(text: string): number {
  return Number(text.length === 2 && /^[689]/.test(text) ? `0${text[1]}` : text);
}

export interface DateReadingOptions {
  /** Read an ambiguous 03/04 as March 4th (US receipts) rather than the European 3 April. */
  readonly monthFirst?: boolean;
}

/** Where a match lies on its line. */
const at = (match: RegExpMatchArray) => ({ start: match.index!, end: match.index! + match[0].length });

/** Every calendar date written on a line, in the common European, ISO, US and spelled-out forms. */
export function findDates(line: string, { monthFirst = false }: DateReadingOptions = {}): DateToken[] {
  const found: DateToken[] = [];
  // Which characters a date already found covers: a later reading of them is not another date.
  const covered = new Uint8Array(line.length);
  const push = (token: DateToken) => {
    if (token.year < 2000 || token.year > 2099) return;
    if (covered.subarray(token.start, token.end).includes(1)) return;
    covered.fill(1, token.start, token.end);
    found.push(token);
  };
  for (const match of line.matchAll(YEAR_MONTH_DAY)) {
    const year = fullYear(match[1]!);
    const [month, day] = [Number(match[3]), Number(match[4])];
    const [readMonth, readDay] = isValid(year, month, day) ? [month, day] : [zeroRepaired(match[3]!), zeroRepaired(match[4]!)];
    if (isValid(year, readMonth, readDay))
      push({ year, month: readMonth, day: readDay, ambiguous: false, strong: readMonth === month && readDay === day, ...at(match) });
  }
  for (const match of line.matchAll(DAY_MONTH_YEAR)) {
    const year = fullYear(match[4]!);
    const asPrinted: [number, number] = [Number(match[1]), Number(match[3])];
    const readable = isValid(year, asPrinted[1], asPrinted[0]) || isValid(year, asPrinted[0], asPrinted[1]);
    const [first, second]: [number, number] = readable ? asPrinted : [zeroRepaired(match[1]!), zeroRepaired(match[3]!)];
    const dayFirst = isValid(year, second, first);
    const usOrder = isValid(year, first, second);
    if (!dayFirst && !usOrder) {
      // Still impossible: a digit misread elsewhere ("36/03/2018" for 30/03), read only when one slip alone explains it.
      const [month, day] = monthFirst ? asPrinted : [asPrinted[1], asPrinted[0]];
      const slips = slipReadings({ year, month, day }, () => true);
      if (slips.length === 1) push({ ...slips[0]!, ambiguous: false, strong: false, ...at(match) });
      continue;
    }
    const ambiguous = dayFirst && usOrder && first !== second;
    const readMonthFirst = usOrder && (!dayFirst || (ambiguous && monthFirst));
    const [month, day] = readMonthFirst ? [first, second] : [second, first];
    push({ year, month, day, ambiguous, strong: readable && match[4]!.length === 4, ...at(match) });
  }
  for (const match of line.matchAll(MIXED_SEPARATORS)) {
    if (!/[/.-]/.test(match[0])) continue;
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isValid(year, month, day)) push({ year, month, day, ambiguous: day <= 12 && day !== month, strong: false, ...at(match) });
  }
  const folded = foldForKeywords(line);
  for (const match of folded.matchAll(DAY_NAME_YEAR)) {
    const [day, month, year] = [Number(match[1]), MONTH_NUMBER.get(match[2]!)!, fullYear(match[3]!)];
    if (isValid(year, month, day)) push({ year, month, day, ambiguous: false, strong: true, ...at(match) });
  }
  for (const match of folded.matchAll(LABELLED_COMPACT)) {
    const [year, month, day] = match[3]
      ? [Number(match[3]), Number(match[2]), Number(match[1])]
      : [Number(match[4]), Number(match[5]), Number(match[6])];
    const [readMonth, readDay] = match[3] && monthFirst ? [day, month] : [month, day];
    if (isValid(year, readMonth, readDay)) push({ year, month: readMonth, day: readDay, ambiguous: false, strong: false, ...at(match) });
  }
  for (const match of folded.matchAll(NAME_DAY_YEAR)) {
    const [month, day, year] = [MONTH_NUMBER.get(match[1]!)!, Number(match[2]), fullYear(match[3]!)];
    if (isValid(year, month, day)) push({ year, month, day, ambiguous: false, strong: true, ...at(match) });
  }
  for (const match of folded.matchAll(DAY_GARBLED_MONTH_YEAR)) {
    const [day, month, year] = [Number(match[1]), garbledMonth(match[3]!), Number(match[4])];
    if (month !== undefined && isValid(year, month, day))
      push({ year, month, day, ambiguous: false, strong: false, guessedMonth: true, ...at(match) });
  }
  return found.sort((a, b) => a.start - b.start);
}

export function isoDate({ year, month, day }: Pick<DateToken, 'year' | 'month' | 'day'>): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TIME = /(?<!\d)([01]?\d|2[0-3])[:h]([0-5]\d)(?::[0-5]\d)?(?!\d)/gi;

/** Times of day ("14:32", "14h32", "14:32:05"), so that they are not read as amounts. */
export function findTimes(line: string): { start: number; end: number }[] {
  return [...line.matchAll(TIME)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}
