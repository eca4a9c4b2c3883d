import { describe, expect, it } from 'vitest';
import { convertNote } from '../src/conversion.js';
import { tableThrough } from './rates.js';

const allLoaded = { table: tableThrough('2024-09-30'), laterDayLoaded: true };
const note = (value: string, currency: string, date: string) => ({ amount: { value, currency }, date });

describe('a note converted to EUR with the reference rate of its date', () => {
  it('converts a USD dinner with the rate of its day, rounded once to the cent', () => {
    // 84.50 USD / 1.1155 USD per EUR = 75.75078… EUR → 75.75 EUR.
    expect(convertNote(note('84.50', 'USD', '2024-09-26'), allLoaded, 'ECB')).toEqual({
      status: 'succeeded',
      outcome: {
        kind: 'converted',
        original: { value: '84.50', currency: 'USD' },
        converted: { value: '75.75', currency: 'EUR' },
        rate: '1.1155',
        rateDate: '2024-09-26',
        date: '2024-09-26',
        source: 'ECB',
      },
      awaitingRates: false,
    });
  });

  it('converts yen, which have no minor unit, to euro cents', () => {
    // 12800 JPY (0 decimals) / 160.78 JPY per EUR = 79.61189… EUR → 79.61 EUR.
    const conversion = convertNote(note('12800', 'JPY', '2024-09-26'), allLoaded, 'ECB');
    expect(conversion).toMatchObject({ status: 'succeeded', outcome: { converted: { value: '79.61', currency: 'EUR' }, rate: '160.78' } });
  });

  it("takes Friday's rate for a Saturday, and says so; final once Monday's rates are in", () => {
    // Saturday 28 September 2024 has no rate: Friday 27's, 0.83338 GBP per EUR, 1 day back.
    // 45.00 GBP / 0.83338 = 53.99697… EUR → 54.00 EUR.
    const conversion = convertNote(note('45.00', 'GBP', '2024-09-28'), allLoaded, 'ECB');
    expect(conversion).toEqual({
      status: 'succeeded',
      outcome: {
        kind: 'converted',
        original: { value: '45.00', currency: 'GBP' },
        converted: { value: '54.00', currency: 'EUR' },
        rate: '0.83338',
        rateDate: '2024-09-27',
        date: '2024-09-28',
        source: 'ECB',
        fallback: {
          requestedDate: '2024-09-28',
          daysBack: 1,
          note: 'No reference rate for GBP on 2024-09-28: the rate of 2024-09-27, the last earlier one, is used.',
          provisional: false,
        },
      },
      awaitingRates: false,
    });
  });

  it('marks a fallback provisional while no later day is loaded: the day may still be published', () => {
    // Friday 27 is the last day loaded; a note of Monday 30 takes Friday's rate for now.
    // 120.00 USD / 1.1158 = 107.54615… EUR → 107.55 EUR.
    const conversion = convertNote(
      note('120.00', 'USD', '2024-09-30'),
      { table: tableThrough('2024-09-27'), laterDayLoaded: false },
      'ECB',
    );
    expect(conversion).toMatchObject({
      status: 'succeeded',
      outcome: { converted: { value: '107.55' }, rateDate: '2024-09-27', fallback: { daysBack: 3, provisional: true } },
      awaitingRates: true,
    });
  });

  it('records a note in EUR as owing its own amount, with no rate', () => {
    expect(convertNote(note('42.50', 'EUR', '2024-09-28'), undefined, 'ECB')).toEqual({
      status: 'succeeded',
      outcome: { kind: 'same_currency', amount: { value: '42.50', currency: 'EUR' } },
      awaitingRates: false,
    });
  });

  it('refuses, with a code and a reason, a date before any rate, a currency without one, and a rate too old', () => {
    expect(convertNote(note('10.00', 'USD', '2024-09-20'), allLoaded, 'ECB')).toEqual({
      status: 'refused',
      code: 'rate_missing',
      reason:
        'No reference rate for USD on or before 2024-09-20: the note cannot be converted to EUR until the rates of that date are loaded.',
      awaitingRates: false,
    });
    expect(convertNote(note('10.00', 'ARS', '2024-09-26'), allLoaded, 'ECB')).toMatchObject({
      status: 'refused',
      code: 'currency_not_published',
      reason: 'ARS has no reference rate: enter the amount in EUR as charged on your statement.',
    });
    // Monday 7 October, the table ending Monday 30 September: 7 days back, beyond the 4 allowed.
    expect(convertNote(note('10.00', 'USD', '2024-10-07'), { ...allLoaded, laterDayLoaded: false }, 'ECB')).toMatchObject({
      status: 'refused',
      code: 'rate_too_old',
      awaitingRates: true,
    });
  });
});
