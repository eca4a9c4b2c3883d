import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';
import { findDates, isoDate } from '../src/text/dates.js';
import { cleanLine } from '../src/text/normalize.js';

const dates = (line: string) => findDates(cleanLine(line)).map(isoDate);
const dateOf = (text: string, today?: string) => parseReceipt({ text }, today ? { today: new Date(`${today}T12:00:00Z`) } : {}).date;

describe('dates as receipts print them', () => {
  it.each([
    ['25/12/2018', '2018-12-25'],
    ['14-03-18', '2018-03-14'],
    ['05 MAR 2018', '2018-03-05'],
    ['2016/05/01', '2016-05-01'],
    ['02/JAN/2017', '2017-01-02'],
    ['10-Mar-2018', '2018-03-10'],
    ['25.12.18', '2018-12-25'],
    ['mardi 5 mars 2024', '2024-03-05'],
    ['05 janv. 2024', '2024-01-05'],
    ['Sept 3, 2023', '2023-09-03'],
    ['25/12/2018 14:05', '2018-12-25'],
  ])('%s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each([
    ['Date :20/04/20189:01:22PM', '2018-04-20'],
    ['Date: 22/12/201714:03', '2017-12-22'],
    ['26/02/1808:281088609', '2018-02-26'],
    ['10Mar201818:24', '2018-03-10'],
    ['Date :04Jan 201701:15pm', '2017-01-04'],
    ['Le 05/03/202414h05', '2024-03-05'],
    ['Ticket du 5 mars 202414:05', '2024-03-05'],
  ])('reads a date glued to the time after it: %s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each([
    ['Date : 36/03/2018 8:51 PM', '2018-03-30'],
    ['Le 38/05/2024', '2024-05-30'],
    ['Date: 37/01/2024', '2024-01-31'],
  ])('reads an impossible date through the one digit slip that makes it a day: %s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it('reads no date when no single digit slip makes one a day', () => {
    expect(dates('Le 35/06/2024')).toEqual([]);
    expect(dates('Ref 56/42/2024')).toEqual([]);
  });

  it('does not read a long number as a date and a time', () => {
    expect(dates('Ref 12/03/2024123456')).toEqual([]);
  });
});

describe('the expense date among several', () => {
  it('prefers a date whose label ends or starts with DATE over a printing date with its time', () => {
    expect(dateOf('BIZDATE: 10/02/2017\nPRINTED: 10/07/2017 01:09:47 PM\nTOTAL 7.00')?.value).toBe('2017-02-10');
    expect(dateOf('DATEFACTURE 05/03/2024\nÉdition 07/03/2024 10:12\nTOTAL TTC 7,00')?.value).toBe('2024-03-05');
  });

  it('reads a year years before the upload as an OCR slip when one digit read otherwise makes it plausible', () => {
    expect(dateOf('TOTAL 119.70\n15-03-13 15:41 SH01', '2018-04-02')?.value).toBe('2018-03-15');
    expect(dateOf('Le 12/05/2028 à 12:30\nTOTAL TTC 8,20', '2023-06-01')?.value).toBe('2023-05-12');
  });

  it('gives a date years before the upload that no slip explains as printed, readable but unsure', () => {
    for (const text of [
      'TOTAL 9.00\n14/05/2017 12:01',
      'Date: 14/05/2017\nTOTAL 9.00',
      'CASH 20.00\n14-05-17 12:01:33 PM',
      'Le 14/05/2017 a 12:01\nTOTAL TTC 9,00',
      'Slip No. 0010291725\n14/05/17 18:47\nTOTAL 9.00',
      'Doc No CS00241999 Cate 14/05/2017\nTOTAL 9.00',
    ]) {
      const old = dateOf(text, '2026-12-07')!;
      expect(old?.value).toBe('2017-05-14');
      expect(old.confidence).toBeGreaterThanOrEqual(0.3);
      expect(old.confidence).toBeLessThan(0.9);
    }
  });

  it('drops a date after the upload when no slip explains it', () => {
    expect(dateOf('Sale 25/03/2024\nNext service 25/04/2024 10:00\nTOTAL 8.20', '2024-03-26')?.value).toBe('2024-03-25');
    expect(dateOf('Vente 25/03/2024\nProchain passage 25/04/2024 10:00\nTOTAL TTC 8,20', '2024-03-26')?.value).toBe('2024-03-25');
  });

  it('is less sure of a date repaired or chosen among several than of a labelled one alone', () => {
    const alone = dateOf('Date: 25/03/2024 12:00\nTOTAL 8.20', '2024-03-26')!;
    const repaired = dateOf('TOTAL 119.70\n15-03-13 15:41 SH01', '2018-04-02')!;
    expect(alone.confidence).toBeGreaterThanOrEqual(0.9);
    const asPrinted = dateOf('TOTAL 119.70\n15-03-18 15:41 SH01', '2018-04-02')!;
    expect(repaired.confidence).toBeLessThan(asPrinted.confidence);
    expect(repaired.confidence).toBeLessThan(0.8);
  });
});
