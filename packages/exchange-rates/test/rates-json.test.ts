import { describe, expect, it } from 'vitest';
import { parseRatesJson, RateTable, toRatesJson } from '../src/index.js';
import { inputErrorOf, sampleTable } from './fixtures.js';

const body = { base: 'EUR', days: [{ date: '2025-12-05', rates: { USD: '1.1645', KWD: '0.3571' } }] };

describe('parseRatesJson (the admin route form)', () => {
  it('reads decimal-string rates, currencies the ECB does not publish included', () => {
    const [day] = parseRatesJson(body);
    expect(day?.date).toBe('2025-12-05');
    expect(day?.rates.get('KWD')).toEqual({ text: '0.3571', units: 3571n, scale: 4 });
  });

  it('gives back what it read (toRatesJson), so a table loaded from the ECB files can be shown and reloaded', () => {
    const table = sampleTable();
    const again = RateTable.of(parseRatesJson(toRatesJson(table)));
    expect(toRatesJson(again)).toEqual(toRatesJson(table));
    expect(toRatesJson(table).days[0]?.rates.USD).toBe('1.1645');
  });

  const refusals: [string, unknown, object][] = [
    [
      'a number rate (it went through a float)',
      { base: 'EUR', days: [{ date: '2025-12-05', rates: { USD: 1.1645 } }] },
      { problem: 'bad_rate', field: 'days[0].rates.USD' },
    ],
    [
      'a zero rate',
      { base: 'EUR', days: [{ date: '2025-12-05', rates: { USD: '0' } }] },
      { problem: 'zero_rate', field: 'days[0].rates.USD' },
    ],
    [
      'a negative rate',
      { base: 'EUR', days: [{ date: '2025-12-05', rates: { USD: '-1.2' } }] },
      { problem: 'negative_rate', field: 'days[0].rates.USD' },
    ],
    [
      'a key that is not a currency',
      { base: 'EUR', days: [{ date: '2025-12-05', rates: { usd: '1.2' } }] },
      { problem: 'bad_currency', field: 'days[0].rates.usd' },
    ],
    [
      'an empty currency key',
      { base: 'EUR', days: [{ date: '2025-12-05', rates: { '': '1.2' } }] },
      { problem: 'missing_currency', field: 'days[0].rates.' },
    ],
    ['a bad date', { base: 'EUR', days: [{ date: '2025-13-01', rates: {} }] }, { problem: 'bad_date', field: 'days[0].date' }],
    [
      'a day given twice',
      {
        base: 'EUR',
        days: [
          { date: '2025-12-05', rates: {} },
          { date: '2025-12-05', rates: {} },
        ],
      },
      { problem: 'duplicate_date', field: 'days[1].date' },
    ],
    ['another base', { base: 'USD', days: [] }, { problem: 'bad_base', field: 'base' }],
    ['no days', { base: 'EUR' }, { problem: 'malformed_line', field: 'days' }],
    ['not an object', 'EUR 1.1645', { problem: 'malformed_line', field: '$' }],
  ];
  it.each(refusals)('refuses %s, naming the field', (_, input, expected) => {
    expect(inputErrorOf(() => parseRatesJson(input))).toMatchObject({ ...expected, line: undefined });
  });
});
