import { describe, expect, it } from 'vitest';
import { parseRatesFile } from '../src/index.js';
import { fixtureText, inputErrorOf } from './fixtures.js';

describe('parseRatesFile (any form, told from its content)', () => {
  it('reads the ECB history, the daily file and the JSON form', () => {
    expect(parseRatesFile(fixtureText('eurofxref-hist.csv')).map((day) => day.date)).toEqual([
      '2025-12-31',
      '2025-12-30',
      '2025-12-29',
      '2025-12-24',
      '2025-12-23',
      '2025-12-22',
      '2025-12-19',
    ]);
    expect(parseRatesFile(fixtureText('eurofxref.csv')).map((day) => day.date)).toEqual(['2025-12-05']);
    const json = parseRatesFile('{ "base": "EUR", "days": [{ "date": "2025-12-05", "rates": { "USD": "1.1645" } }] }');
    expect(json[0]?.rates.get('USD')?.text).toBe('1.1645');
  });

  it('refuses a file that starts as JSON and is not, naming it', () => {
    expect(inputErrorOf(() => parseRatesFile('{ "base": "EUR", '))).toMatchObject({ problem: 'malformed_line', field: '$' });
  });
});
