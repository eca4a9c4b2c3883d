import { describe, expect, it } from 'vitest';
import { parseEcbDaily, parseEcbHistory } from '../src/index.js';
import { fixtureText, inputErrorOf } from './fixtures.js';

const HIST_HEADER = 'Date,USD,JPY,CYP,GBP,';

describe('parseEcbDaily (eurofxref.csv)', () => {
  it("reads the day's long date and the 30 rates, exactly as published", () => {
    const day = parseEcbDaily(fixtureText('eurofxref.csv'));
    expect(day.date).toBe('2025-12-05');
    expect(day.rates.size).toBe(30);
    expect(day.rates.get('USD')).toEqual({ text: '1.1645', units: 11645n, scale: 4 });
    // "0.87340" keeps its trailing zero: 87340 / 10^5.
    expect(day.rates.get('GBP')).toEqual({ text: '0.87340', units: 87340n, scale: 5 });
    expect(day.rates.get('IDR')).toEqual({ text: '19398.55', units: 1939855n, scale: 2 });
  });

  it('accepts CRLF line ends and a byte order mark', () => {
    const text = '\uFEFF' + fixtureText('eurofxref.csv').replaceAll('\n', '\r\n');
    expect(parseEcbDaily(text).rates.get('JPY')?.text).toBe('180.91');
  });

  it('refuses a file with two days', () => {
    const text = 'Date, USD, \n05 December 2025, 1.1645, \n04 December 2025, 1.1650, \n';
    expect(inputErrorOf(() => parseEcbDaily(text))).toMatchObject({ problem: 'malformed_line', line: 3 });
  });

  it('refuses a file with a header and no day', () => {
    expect(inputErrorOf(() => parseEcbDaily('Date, USD, \n'))).toMatchObject({ problem: 'empty', line: 2 });
  });

  it('refuses a date that is not a calendar day, naming its line and field', () => {
    const text = 'Date, USD, \n31 February 2025, 1.1645, \n';
    expect(inputErrorOf(() => parseEcbDaily(text))).toMatchObject({ problem: 'bad_date', line: 2, field: 'Date' });
  });
});

describe('parseEcbHistory (eurofxref-hist.csv)', () => {
  it('reads every day, newest first as in the file, skipping N/A cells', () => {
    const days = parseEcbHistory(fixtureText('eurofxref-hist.csv'));
    expect(days.map((day) => day.date)).toEqual([
      '2025-12-31',
      '2025-12-30',
      '2025-12-29',
      '2025-12-24',
      '2025-12-23',
      '2025-12-22',
      '2025-12-19',
    ]);
    const christmasEve = days[3]!;
    expect(christmasEve.rates.get('USD')?.text).toBe('1.1790');
    // 41 currency columns, of which 11 are N/A (CYP EEK LTL LVL MTL ROL SIT SKK HRK RUB TRL): 41 - 11 = 30.
    expect(christmasEve.rates.size).toBe(30);
    expect(christmasEve.rates.has('RUB')).toBe(false);
  });

  const refusals: [string, string, object][] = [
    ['a zero rate', `${HIST_HEADER}\n2025-12-05,1.1645,0,N/A,0.8734,\n`, { problem: 'zero_rate', line: 2, field: 'JPY' }],
    [
      'a zero rate with decimals',
      `${HIST_HEADER}\n2025-12-05,0.0000,180.91,N/A,0.8734,\n`,
      { problem: 'zero_rate', line: 2, field: 'USD' },
    ],
    ['a negative rate', `${HIST_HEADER}\n2025-12-05,1.1645,180.91,N/A,-0.8734,\n`, { problem: 'negative_rate', line: 2, field: 'GBP' }],
    ['a missing rate', `${HIST_HEADER}\n2025-12-05,1.1645,,N/A,0.8734,\n`, { problem: 'missing_rate', line: 2, field: 'JPY' }],
    ['a rate with an exponent', `${HIST_HEADER}\n2025-12-05,1.1645e0,180.91,N/A,0.8734,\n`, { problem: 'bad_rate', line: 2, field: 'USD' }],
    ['a decimal comma', `${HIST_HEADER}\n2025-12-05;1,1645;180.91;N/A;0.8734;\n`, { problem: 'malformed_line', line: 2, field: 'Date' }],
    [
      'a line with a cell short',
      `${HIST_HEADER}\n2025-12-06,1.1645,180.91,N/A,0.8734,\n2025-12-05,1.1645,180.91,N/A\n`,
      { problem: 'malformed_line', line: 3 },
    ],
    [
      'a date in the long format',
      `${HIST_HEADER}\n05 December 2025,1.1645,180.91,N/A,0.8734,\n`,
      { problem: 'bad_date', line: 2, field: 'Date' },
    ],
    [
      'a day given twice',
      `${HIST_HEADER}\n2025-12-05,1.1645,180.91,N/A,0.8734,\n2025-12-05,1.1645,180.91,N/A,0.8734,\n`,
      { problem: 'duplicate_date', line: 3 },
    ],
    [
      'a column without currency',
      'Date,USD,,GBP,\n2025-12-05,1.1645,180.91,0.8734,\n',
      { problem: 'missing_currency', line: 1, field: 'column 3' },
    ],
    [
      'a column that is not a currency',
      'Date,USD,yen,GBP,\n2025-12-05,1.1645,180.91,0.8734,\n',
      { problem: 'bad_currency', line: 1, field: 'column 3' },
    ],
    ['a header without Date', 'Day,USD,\n2025-12-05,1.1645,\n', { problem: 'bad_header', line: 1, field: 'Date' }],
    ['an empty file', '\n\n', { problem: 'empty', line: 1 }],
  ];
  it.each(refusals)('refuses %s with a typed error naming the line and field', (_, text, expected) => {
    const error = inputErrorOf(() => parseEcbHistory(text));
    expect(error).toMatchObject(expected);
    expect(error.message).toContain(`line ${(expected as { line: number }).line}`);
  });
});
