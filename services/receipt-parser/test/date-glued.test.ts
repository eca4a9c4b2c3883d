import { describe, expect, it } from 'vitest';
import { findDates, isoDate } from '../src/text/dates.js';
import { cleanLine } from '../src/text/normalize.js';
import { parseReceipt } from '../src/parse-receipt.js';

const dates = (line: string) => findDates(cleanLine(line)).map(isoDate);

// An OCR that boxes whole rows (PaddleOCR) drops the space between a date and its time, or its label.
describe('dates glued to their time or their label', () => {
  it.each([
    ['Date:2024-02-2309:45', '2024-02-23'],
    ['Le 2024-07-2510:19', '2024-07-25'],
    ['DATE 2023-12-0514:03', '2023-12-05'],
    ['DATE01/08/2422:21', '2024-08-01'],
    ['Le 05/04/2316:32', '2023-04-05'],
    ['11/02/202220:23', '2022-02-11'],
  ])('a time after the date: %s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each([
    ['DateFebruary24,2023 20:17', '2023-02-24'],
    ['DATEMAR 5, 2024', '2024-03-05'],
  ])("the label before a month's name: %s", (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each([
    ['Date:4a0ut 202214:48', '2022-08-04'],
    ['17a00t 2024 12:44', '2024-08-17'],
    ['le 3 ao0t 2025', '2025-08-03'],
  ])('août read with a zero for its O or its Û: %s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each(['TEL 01/08/2422', 'REF 2024-02-2309', 'CODE 05/04/2316:3', 'SUPERMARCHE 24, 2023'])('reads no date in %s', (line) => {
    expect(dates(line)).toEqual([]);
  });
});

describe("a month's name the OCR garbled between a day and a four-digit year", () => {
  it.each([
    ['CB#:78283158333 14/um/201708:34:22', '2017-06-14'],
    ['Date 02/JAM/2017', '2017-01-02'],
    ['03-0CT-2024', '2024-10-03'],
    ['12/DFC/2023 18:02', '2023-12-12'],
  ])('%s', (line, expected) => {
    expect(dates(line)).toEqual([expected]);
  });

  it.each([
    ['05/MAV/2024', 'May or March'],
    ['12/ABC/2020', 'no month near'],
    ['12/XYZW/2020', 'no month near'],
  ])('none from %s (%s)', (line) => {
    expect(dates(line)).toEqual([]);
  });

  it('gives such a date below 0.9: the month is a guess', () => {
    const date = parseReceipt(
      { text: 'BEMED SDN BHD\nCB#:78283158333 14/um/201708:34:22\nTotal 165.00' },
      { today: new Date('2017-06-20') },
    ).date;
    expect(date).toMatchObject({ value: '2017-06-14' });
    expect(date!.confidence).toBeLessThan(0.9);
  });
});
