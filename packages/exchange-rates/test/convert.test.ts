import { describe, expect, it } from 'vitest';
import { convert, convertToEur, divideRoundingHalfUp, parseRatesJson, RateLookupError } from '../src/index.js';
import { sampleTable, thrownBy } from './fixtures.js';

const table = sampleTable();
// Currencies of 0, 2 and 3 minor digits; KWD is not published by the ECB, so given in the JSON form.
const withKwd = table.withDays(
  parseRatesJson({ base: 'EUR', days: [{ date: '2025-12-05', rates: { USD: '1.1645', JPY: '180.91', KWD: '0.3571', PLN: '2' } }] }),
);

const conversionErrorOf = (run: () => unknown): RateLookupError => thrownBy(RateLookupError, run);

describe('convertToEur', () => {
  it('converts USD with the day rate, keeping the original, the rate and its date', () => {
    // 100.00 USD / 1.1645 = 85.8737... EUR -> 85.87 (1.1645 x 85.875 = 100.0014 > 100, so below the half).
    expect(convertToEur(table, { value: '100.00', currency: 'USD' }, '2025-12-05')).toEqual({
      original: { value: '100.00', currency: 'USD' },
      converted: { value: '85.87', currency: 'EUR' },
      date: '2025-12-05',
      rates: [
        {
          currency: 'USD',
          rate: { text: '1.1645', units: 11645n, scale: 4 },
          rateDate: '2025-12-05',
          requestedDate: '2025-12-05',
          fellBack: false,
          daysBack: 0,
        },
      ],
      fellBack: false,
    });
  });

  it('converts JPY (no minor unit) to EUR cents', () => {
    // 10000 JPY / 180.91 = 55.2761... -> 55.28 (180.91 x 55.275 = 9999.80 < 10000 < 180.91 x 55.285 = 10001.61).
    expect(convertToEur(table, { value: '10000', currency: 'JPY' }, '2025-12-05').converted).toEqual({ value: '55.28', currency: 'EUR' });
  });

  it('converts KWD (three minor digits) to EUR', () => {
    // 12.345 KWD / 0.3571 = 34.5701... -> 34.57.
    expect(convertToEur(withKwd, { value: '12.345', currency: 'KWD' }, '2025-12-05').converted).toEqual({
      value: '34.57',
      currency: 'EUR',
    });
  });

  it('converts on a Saturday with the last earlier rate and says it fell back', () => {
    // Saturday 2025-12-27: rate of Wednesday 2025-12-24, 1.1790. 50.00 / 1.1790 = 42.4088... -> 42.41
    // (1.179 x 42.405 = 49.9955 < 50).
    const conversion = convertToEur(table, { value: '50.00', currency: 'USD' }, '2025-12-27');
    expect(conversion).toMatchObject({ converted: { value: '42.41', currency: 'EUR' }, date: '2025-12-27', fellBack: true });
    expect(conversion.rates[0]).toMatchObject({ rateDate: '2025-12-24', daysBack: 3, rate: { text: '1.1790' } });
  });

  it('rounds a half up, once', () => {
    // PLN at 2 per euro: 0.01 PLN = 0.005 EUR -> 0.01; 0.03 PLN = 0.015 EUR -> 0.02; 0.05 PLN = 0.025 -> 0.03.
    expect(convertToEur(withKwd, { value: '0.01', currency: 'PLN' }, '2025-12-05').converted.value).toBe('0.01');
    expect(convertToEur(withKwd, { value: '0.03', currency: 'PLN' }, '2025-12-05').converted.value).toBe('0.02');
    expect(convertToEur(withKwd, { value: '0.05', currency: 'PLN' }, '2025-12-05').converted.value).toBe('0.03');
  });

  it('leaves an amount in euros as it is, with no rate', () => {
    expect(convertToEur(table, { value: '12.5', currency: 'EUR' }, '2025-12-27')).toMatchObject({
      converted: { value: '12.50', currency: 'EUR' },
      rates: [],
      fellBack: false,
    });
  });
});

describe('convert between two currencies through the euro', () => {
  it('USD to JPY: both rates kept, rounded once to whole yen', () => {
    // 100.00 USD / 1.1645 x 180.91 = 15535.42... -> 15535 JPY (180.91 / 1.1645 = 155.3542...).
    const conversion = convert(table, { value: '100.00', currency: 'USD' }, 'JPY', '2025-12-05');
    expect(conversion.converted).toEqual({ value: '15535', currency: 'JPY' });
    expect(conversion.rates.map((lookup) => [lookup.currency, lookup.rate.text])).toEqual([
      ['USD', '1.1645'],
      ['JPY', '180.91'],
    ]);
  });

  it('JPY to KWD: three minor digits', () => {
    // 1234 JPY x 0.3571 / 180.91 = 440.6614 / 180.91 = 2.43580... -> 2.436 KWD.
    expect(convert(withKwd, { value: '1234', currency: 'JPY' }, 'KWD', '2025-12-05').converted).toEqual({
      value: '2.436',
      currency: 'KWD',
    });
  });

  it('EUR to KWD multiplies by the rate', () => {
    // 100.00 EUR x 0.3571 = 35.710 KWD exactly.
    expect(convert(withKwd, { value: '100.00', currency: 'EUR' }, 'KWD', '2025-12-05').converted).toEqual({
      value: '35.710',
      currency: 'KWD',
    });
  });

  it('rounds the cross conversion once, not in EUR first', () => {
    // 0.01 PLN at 2 per euro into KWD at 0.3571: 0.01 / 2 x 0.3571 = 0.0017855 -> 0.002 KWD.
    // Rounding in EUR first would give 0.01 EUR x 0.3571 = 0.003571 -> 0.004 KWD.
    expect(convert(withKwd, { value: '0.01', currency: 'PLN' }, 'KWD', '2025-12-05').converted.value).toBe('0.002');
  });

  it('says it fell back when either rate is of an earlier day', () => {
    const conversion = convert(table, { value: '100.00', currency: 'USD' }, 'GBP', '2025-12-28');
    expect(conversion.fellBack).toBe(true);
    expect(conversion.rates.map((lookup) => lookup.rateDate)).toEqual(['2025-12-24', '2025-12-24']);
    // 100.00 / 1.1790 x 0.87420 = 74.1476... -> 74.15 GBP.
    expect(conversion.converted).toEqual({ value: '74.15', currency: 'GBP' });
  });
});

describe('convert refuses bad input with a typed error naming the field', () => {
  const cases: [string, () => unknown, object][] = [
    [
      'an unknown currency',
      () => convertToEur(table, { value: '1.00', currency: 'XXY' }, '2025-12-05'),
      { problem: 'unknown_currency', field: 'amount.currency' },
    ],
    [
      'too many decimals for JPY',
      () => convertToEur(table, { value: '100.5', currency: 'JPY' }, '2025-12-05'),
      { problem: 'invalid_amount', field: 'amount.value' },
    ],
    [
      'a float-like amount',
      () => convertToEur(table, { value: '1e3', currency: 'USD' }, '2025-12-05'),
      { problem: 'invalid_amount', field: 'amount.value' },
    ],
    [
      'an unknown target',
      () => convert(table, { value: '1.00', currency: 'USD' }, 'EURO', '2025-12-05'),
      { problem: 'unknown_currency', field: 'target' },
    ],
    [
      'a source currency not published',
      () => convertToEur(table, { value: '1.00', currency: 'RUB' }, '2025-12-05'),
      { problem: 'currency_not_published', field: 'amount.currency' },
    ],
    [
      'a target currency not published',
      () => convert(table, { value: '1.00', currency: 'USD' }, 'KWD', '2025-12-05'),
      { problem: 'currency_not_published', field: 'target' },
    ],
    [
      'a rate too old',
      () => convertToEur(table, { value: '1.00', currency: 'USD' }, '2026-02-01'),
      { problem: 'fallback_too_long', field: 'date' },
    ],
    [
      'a limit of zero days on a Sunday',
      () => convertToEur(table, { value: '1.00', currency: 'USD' }, '2025-12-21', { maxFallbackDays: 0 }),
      { problem: 'fallback_too_long', field: 'date' },
    ],
  ];
  it.each(cases)('%s', (_, run, expected) => {
    const error = conversionErrorOf(run);
    expect(error).toMatchObject(expected);
    // The message names the field once and the problem once, at the end.
    expect(error.message).toBe(`${error.field}: ${error.detail} (${error.problem})`);
    expect(error.detail).not.toContain(`(${error.problem})`);
  });
});

describe('divideRoundingHalfUp', () => {
  it('rounds a half away from zero and anything less towards the nearest', () => {
    expect([
      divideRoundingHalfUp(5n, 2n),
      divideRoundingHalfUp(7n, 3n),
      divideRoundingHalfUp(8n, 3n),
      divideRoundingHalfUp(-5n, 2n),
    ]).toEqual([3n, 2n, 3n, -3n]);
    expect(() => divideRoundingHalfUp(1n, 0n)).toThrow(RangeError);
  });
});
