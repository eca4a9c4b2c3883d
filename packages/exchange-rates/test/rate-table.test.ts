import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FALLBACK_DAYS, parseRatesJson, RateLookupError, RateTable } from '../src/index.js';
import { inputErrorOf, sampleTable, thrownBy } from './fixtures.js';

const table = sampleTable();

const lookupErrorOf = (run: () => unknown): RateLookupError => thrownBy(RateLookupError, run);

describe('RateTable.rateOn', () => {
  it('uses the rate of the day itself when it was published', () => {
    expect(table.rateOn('USD', '2025-12-24')).toMatchObject({
      rate: { text: '1.1790' },
      rateDate: '2025-12-24',
      fellBack: false,
      daysBack: 0,
    });
    expect(table.rateOn('JPY', '2025-12-05')).toMatchObject({ rate: { text: '180.91' }, rateDate: '2025-12-05', fellBack: false });
  });

  it("falls back over a weekend to Friday's rate, and says so", () => {
    // Saturday 2025-12-20 and Sunday 2025-12-21: Friday 2025-12-19's 1.1710, 1 and 2 days back.
    expect(table.rateOn('USD', '2025-12-20')).toMatchObject({
      rate: { text: '1.1710' },
      rateDate: '2025-12-19',
      requestedDate: '2025-12-20',
      fellBack: true,
      daysBack: 1,
    });
    expect(table.rateOn('USD', '2025-12-21')).toMatchObject({ rateDate: '2025-12-19', fellBack: true, daysBack: 2 });
  });

  it('falls back over Christmas (25 and 26 December are TARGET closing days) up to the limit, then refuses', () => {
    // 2025-12-24 (Wednesday) is the last publication before Monday 2025-12-29.
    expect(table.rateOn('USD', '2025-12-25')).toMatchObject({ rateDate: '2025-12-24', daysBack: 1, fellBack: true });
    // 28 - 24 = 4 days back: within the default limit of 4.
    expect(DEFAULT_MAX_FALLBACK_DAYS).toBe(4);
    expect(table.rateOn('USD', '2025-12-28')).toMatchObject({ rateDate: '2025-12-24', daysBack: 4 });
    // With a limit of 3, 4 days back is refused.
    expect(lookupErrorOf(() => table.rateOn('USD', '2025-12-28', 3))).toMatchObject({ problem: 'fallback_too_long', field: 'date' });
  });

  it('refuses a date past the end of the table beyond the limit (a table not updated is not used)', () => {
    // The last day is 2025-12-31; 2026-01-05 is 5 days later > 4.
    expect(table.rateOn('USD', '2026-01-04')).toMatchObject({ rateDate: '2025-12-31', daysBack: 4 });
    const error = lookupErrorOf(() => table.rateOn('USD', '2026-01-05'));
    expect(error).toMatchObject({ problem: 'fallback_too_long', field: 'date' });
    expect(error.message).toContain('2025-12-31, 5 days earlier');
  });

  it('refuses a date before the first publication', () => {
    expect(lookupErrorOf(() => table.rateOn('USD', '2025-12-04'))).toMatchObject({ problem: 'no_rate_before', field: 'date' });
  });

  it('refuses a currency the table holds no rate for, and one that is not an active ISO 4217 currency', () => {
    // RUB is N/A on every day of the sample.
    expect(lookupErrorOf(() => table.rateOn('RUB', '2025-12-24'))).toMatchObject({ problem: 'currency_not_published', field: 'currency' });
    // CYP (the Cypriot pound) is a column of the history, but no longer a currency.
    expect(lookupErrorOf(() => table.rateOn('CYP', '2025-12-24'))).toMatchObject({ problem: 'unknown_currency', field: 'currency' });
    expect(lookupErrorOf(() => table.rateOn('usd', '2025-12-24'))).toMatchObject({ problem: 'unknown_currency', field: 'currency' });
  });

  it('refuses a fallback limit that is not a whole number of days', () => {
    expect(() => table.rateOn('USD', '2025-12-24', -1)).toThrow(RangeError);
    expect(() => table.rateOn('USD', '2025-12-24', 1.5)).toThrow(RangeError);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(lookupErrorOf(() => table.rateOn('USD', '24/12/2025'))).toMatchObject({ problem: 'invalid_date', field: 'date' });
  });

  it('falls back per currency: a currency missing on a day takes its own last rate', () => {
    const partial = RateTable.of(
      parseRatesJson({
        base: 'EUR',
        days: [
          { date: '2025-12-01', rates: { USD: '1.1600', KWD: '0.3560' } },
          { date: '2025-12-02', rates: { USD: '1.1610' } },
        ],
      }),
    );
    expect(partial.rateOn('USD', '2025-12-02')).toMatchObject({ rate: { text: '1.1610' }, fellBack: false });
    expect(partial.rateOn('KWD', '2025-12-02')).toMatchObject({ rate: { text: '0.3560' }, rateDate: '2025-12-01', fellBack: true });
  });
});

describe('RateTable.of and withDays', () => {
  it('refuses the same day twice, and withDays replaces a day (a corrected publication)', () => {
    const day = parseRatesJson({ base: 'EUR', days: [{ date: '2025-12-05', rates: { USD: '1.1700' } }] });
    expect(inputErrorOf(() => RateTable.of([...day, ...day]))).toMatchObject({ problem: 'duplicate_date', field: 'date' });
    const corrected = table.withDays(day);
    expect(corrected.rateOn('USD', '2025-12-05').rate.text).toBe('1.1700');
    // The whole day is replaced: its JPY rate is gone with it, not kept from the old day.
    expect(lookupErrorOf(() => corrected.rateOn('JPY', '2025-12-05'))).toMatchObject({ problem: 'no_rate_before' });
    expect(corrected.days.length).toBe(table.days.length);
  });
});
