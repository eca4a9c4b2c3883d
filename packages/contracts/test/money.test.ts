import { describe, expect, it } from 'vitest';
import { CURRENCIES, fromMinorUnits, minorDigits, moneyProblem, toMinorUnits } from '../src/index.js';

describe('money', () => {
  it('knows the minor digits of ISO 4217 currencies', () => {
    expect([
      minorDigits('EUR'),
      minorDigits('JPY'),
      minorDigits('KWD'),
      minorDigits('CLF'),
      minorDigits('XXX'),
      minorDigits('eur'),
    ]).toEqual([2, 0, 3, 4, undefined, undefined]);
    expect(CURRENCIES.length).toBeGreaterThan(150);
    expect(CURRENCIES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });

  it("accepts positive decimal strings with at most the currency's digits, and names the fault otherwise", () => {
    const cases: [string, string, ReturnType<typeof moneyProblem>][] = [
      ['42.50', 'EUR', undefined],
      ['42.5', 'EUR', undefined],
      ['1200', 'JPY', undefined],
      ['0.125', 'KWD', undefined],
      ['999999999999.99', 'EUR', undefined],
      ['42.505', 'EUR', 'too_many_decimals'],
      ['1200.5', 'JPY', 'too_many_decimals'],
      ['42,50', 'EUR', 'invalid_format'],
      ['-1', 'EUR', 'invalid_format'],
      ['0', 'EUR', 'invalid_format'],
      ['0.00', 'EUR', 'invalid_format'],
      ['007', 'EUR', 'invalid_format'],
      ['1e3', 'EUR', 'invalid_format'],
      [' 1', 'EUR', 'invalid_format'],
      ['1.', 'EUR', 'invalid_format'],
      ['.5', 'EUR', 'invalid_format'],
      ['1000000000000', 'EUR', 'invalid_format'],
      ['１２', 'EUR', 'invalid_format'],
      ['42.50', 'XXX', 'unknown_currency'],
    ];
    for (const [value, currency, problem] of cases)
      expect({ value, currency, problem: moneyProblem({ value, currency }) }).toEqual({ value, currency, problem });
  });

  it('converts to and from minor units exactly, without floats', () => {
    expect(toMinorUnits({ value: '42.5', currency: 'EUR' })).toBe(4250n);
    expect(toMinorUnits({ value: '0.1', currency: 'EUR' }) + toMinorUnits({ value: '0.2', currency: 'EUR' })).toBe(30n);
    expect(toMinorUnits({ value: '999999999999.99', currency: 'EUR' })).toBe(99999999999999n);
    expect(toMinorUnits({ value: '1200', currency: 'JPY' })).toBe(1200n);
    expect(fromMinorUnits(4250n, 'EUR')).toEqual({ value: '42.50', currency: 'EUR' });
    expect(fromMinorUnits(5n, 'KWD')).toEqual({ value: '0.005', currency: 'KWD' });
    expect(fromMinorUnits(-150n, 'EUR')).toEqual({ value: '-1.50', currency: 'EUR' });
    expect(fromMinorUnits(7n, 'JPY')).toEqual({ value: '7', currency: 'JPY' });
    expect(() => toMinorUnits({ value: '1.234', currency: 'EUR' })).toThrow(/too_many_decimals/);
  });
});
