import { describe, expect, it } from 'vitest';
import { findDates, isoDate } from '../src/text/dates.js';
import { cleanLine } from '../src/text/normalize.js';

const dates = (line: string) => findDates(cleanLine(line)).map(isoDate);

describe('dates read through OCR slips of their separators', () => {
  it.each([
    ['CB#:5958133 14AMay/201702:56:39', '2017-05-14'],
    ['14|MAY|2017 10:02', '2017-05-14'],
    ['Le 3|MARS 2024 a 12h05', '2024-03-03'],
    ['le 12 |JUIN 2023', '2023-06-12'],
    // The separator before the year read as a digit: June the 14th, not June the 2nd.
    ['CB: 72282158322 14/Jun22017 00:34:22', '2017-06-14'],
    ['le 3/MARS72024', '2024-03-03'],
  ])("a stray sign between the day and the month's name: %s", (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each([
    ['RECEIPT #:CS00633800 DATE:250412017', '2017-04-25'],
    ['DATE 25042017', '2017-04-25'],
    ['Date : 03122023 14:05', '2023-12-03'],
    ['DATE:20170425', '2017-04-25'],
  ])('a date printed after its label with its separators dropped, or one read as 1: %s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each(['RECEIPT #:250412017', 'TEL 25042017', 'DATE:25132017', 'SMARTPHONE 2017', 'Ticket 12345678'])('reads no date in %s', (line) => {
    expect(dates(line)).toEqual([]);
  });
});
