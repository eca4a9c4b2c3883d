import { isIsoDate, isoFromEcbLongDate, type IsoDate } from './dates.js';
import { isCurrencyCode } from './currency-code.js';
import { RatesInputError } from './errors.js';
import { parseRate, type Rate } from './rate.js';
import type { DayRates } from './rate-table.js';

// The ECB's two CSV files (www.ecb.europa.eu/stats/eurofxref/): a header "Date" then one
// column per currency, each line ending with a separator, so with an empty last cell.
//  - eurofxref.csv, the last day: "Date, USD, JPY, ..., ZAR, " then "05 December 2025, 1.1645, ...".
//  - eurofxref-hist.csv, every day since 1999, newest first: "Date,USD,JPY,BGN,CYP,...," then
//    "2025-12-05,1.1645,...", with "N/A" where a currency was not published that day.

/** The one day of an `eurofxref.csv` file. */
export function parseEcbDaily(text: string): DayRates {
  const days = parseEcbCsv(text, isoFromEcbLongDate, 'a date like "05 December 2025"');
  if (days.length === 0) throw new RatesInputError('empty', 'Date', 2, 'the daily file holds no day');
  if (days.length > 1) throw new RatesInputError('malformed_line', 'Date', 3, `the daily file holds one day, not ${days.length}`);
  return days[0]!;
}

/** Every day of an `eurofxref-hist.csv` file, in the file's order. */
export function parseEcbHistory(text: string): DayRates[] {
  return parseEcbCsv(text, (cell) => (isIsoDate(cell) ? cell : undefined), 'a YYYY-MM-DD date');
}

function parseEcbCsv(text: string, toIsoDate: (cell: string) => IsoDate | undefined, dateShape: string): DayRates[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  if (lines.length === 0) throw new RatesInputError('empty', 'Date', 1, 'the file is empty');
  const currencies = headerCurrencies(lines[0]!);
  const seen = new Map<IsoDate, number>();
  return lines.slice(1).map((content, index) => {
    const line = index + 2;
    const cells = cellsOf(content);
    if (cells.length !== currencies.length + 1) {
      throw new RatesInputError('malformed_line', 'Date', line, `${cells.length} cells where the header has ${currencies.length + 1}`);
    }
    const date = toIsoDate(cells[0]!);
    if (!date) throw new RatesInputError('bad_date', 'Date', line, `${JSON.stringify(cells[0])} is not ${dateShape}`);
    const earlier = seen.get(date);
    if (earlier !== undefined) throw new RatesInputError('duplicate_date', 'Date', line, `${date} is already on line ${earlier}`);
    seen.set(date, line);
    const rates = new Map<string, Rate>();
    currencies.forEach((currency, column) => {
      const cell = cells[column + 1]!;
      if (cell === 'N/A') return;
      const rate = parseRate(cell);
      if (typeof rate === 'string') throw new RatesInputError(rate, currency, line, `${JSON.stringify(cell)} is not a positive rate`);
      rates.set(currency, rate);
    });
    return { date, rates };
  });
}

function headerCurrencies(header: string): string[] {
  const cells = cellsOf(header);
  if (cells[0] !== 'Date')
    throw new RatesInputError('bad_header', 'Date', 1, `the header starts with ${JSON.stringify(cells[0])}, not "Date"`);
  const currencies = cells.slice(1);
  const seen = new Set<string>();
  currencies.forEach((code, index) => {
    const field = `column ${index + 2}`;
    if (code === '') throw new RatesInputError('missing_currency', field, 1, 'the column has no currency');
    if (!isCurrencyCode(code)) throw new RatesInputError('bad_currency', field, 1, `${JSON.stringify(code)} is not a currency code`);
    if (seen.has(code)) throw new RatesInputError('bad_header', code, 1, `${code} is given twice`);
    seen.add(code);
  });
  return currencies;
}

/** The cells of a line, trimmed, without the empty cell after the closing separator. */
function cellsOf(line: string): string[] {
  const cells = line.split(',').map((cell) => cell.trim());
  if (cells.length > 1 && cells.at(-1) === '') cells.pop();
  return cells;
}
