// `npm run bench -- exchange-rates [--conversions N]`: the cost of loading a full ECB history
// (every working day since 1999, the real file's 41 columns, N/A where not published) and of
// converting amounts on random dates, weekends and holidays included (so with fallbacks).
// Prints the file's size, parse and table times, and conversions per second.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { convert, convertToEur, parseEcbHistory, RateTable } from '../src/index.js';

const { values } = parseArgs({ options: { conversions: { type: 'string', default: '100000' } } });
const conversions = Number(values.conversions);
if (!Number.isInteger(conversions) || conversions < 1 || conversions > 10_000_000) {
  console.error('usage: npm run bench -- exchange-rates [--conversions N (1 to 10,000,000)]');
  process.exit(2);
}

const COLUMNS =
  'USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR'.split(
    ',',
  );
const DAY_MS = 86_400_000;
const first = Date.UTC(1999, 0, 4);
const last = Date.UTC(2025, 11, 31);
const workingDays: string[] = [];
for (let time = first; time <= last; time += DAY_MS) {
  const weekday = new Date(time).getUTCDay();
  if (weekday !== 0 && weekday !== 6) workingDays.push(new Date(time).toISOString().slice(0, 10));
}
// Deterministic rates: a few digits varying with the day and the column; one column in seven N/A.
const lines = workingDays.reverse().map((date, row) => {
  const cells = COLUMNS.map((_, column) =>
    column % 7 === 3 ? 'N/A' : `${1 + column}.${String(1000 + ((row * 37 + column * 11) % 9000)).padStart(4, '0')}`,
  );
  return `${date},${cells.join(',')},`;
});
const text = [`Date,${COLUMNS.join(',')},`, ...lines].join('\n') + '\n';

let start = performance.now();
const days = parseEcbHistory(text);
const parseMs = performance.now() - start;
start = performance.now();
const table = RateTable.of(days);
const tableMs = performance.now() - start;

const dates = Array.from({ length: 1000 }, (_, index) =>
  new Date(first + 30 * DAY_MS + ((index * 7919) % 9000) * DAY_MS).toISOString().slice(0, 10),
);
let fellBack = 0;
start = performance.now();
for (let index = 0; index < conversions; index++) {
  const date = dates[index % dates.length]!;
  const conversion =
    index % 2 === 0
      ? convertToEur(table, { value: '123.45', currency: 'USD' }, date)
      : convert(table, { value: '10000', currency: 'JPY' }, 'GBP', date);
  if (conversion.fellBack) fellBack++;
}
const convertMs = performance.now() - start;

console.log(`history: ${workingDays.length} days x ${COLUMNS.length} columns, ${(text.length / 1024 / 1024).toFixed(1)} MiB`);
console.log(`parse: ${parseMs.toFixed(0)} ms, table: ${tableMs.toFixed(0)} ms`);
console.log(
  `conversions: ${conversions} in ${convertMs.toFixed(0)} ms = ${Math.round(conversions / (convertMs / 1000))} per second (${fellBack} fell back)`,
);
