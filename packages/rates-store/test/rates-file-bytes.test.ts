import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RatesFileError, ratesTextOf } from '../src/index.js';

const DAILY = 'Date, USD, \n11 October 2024, 1.0938, \n';

describe('the text of a rates file, zipped as the ECB publishes it or not', () => {
  it('reads the one CSV of a zip, and plain text as it is', () => {
    expect(ratesTextOf(zipSync({ 'eurofxref.csv': strToU8(DAILY) }))).toBe(DAILY);
    expect(ratesTextOf(zipSync({ 'README.txt': strToU8('rates'), 'eurofxref.csv': strToU8(DAILY) }))).toBe(DAILY);
    expect(ratesTextOf(strToU8(DAILY))).toBe(DAILY);
  });

  it('refuses a zip of two CSV files, or of none, and one that is damaged, saying why', () => {
    const two = zipSync({ 'a.csv': strToU8(DAILY), 'b.csv': strToU8(DAILY) });
    expect(() => ratesTextOf(two)).toThrow(new RatesFileError('The zip holds 2 CSV files, not one.'));
    expect(() => ratesTextOf(zipSync({ 'a.txt': strToU8(DAILY) }))).toThrow('The zip holds 0 CSV files, not one.');
    const damaged = zipSync({ 'eurofxref.csv': strToU8(DAILY.repeat(50)) }).slice(0, 60);
    expect(() => ratesTextOf(damaged)).toThrow(RatesFileError);
  });
});
