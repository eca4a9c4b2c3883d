import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';
import { frenchKeyIsValid, findVatNumber } from '../src/fields/vat-number.js';
import { findAmounts } from '../src/text/amounts.js';
import { findDates, isoDate } from '../src/text/dates.js';
import { fromDecimalString, toDecimalString, zeroMisreadings } from '../src/text/money.js';
import { cleanLine, labelOf } from '../src/text/normalize.js';
import { dropEdgeNoise } from '../src/text/edge-noise.js';
import { findRates } from '../src/text/rates.js';

const amounts = (line: string) => findAmounts(cleanLine(line)).map((token) => token.minor);
const dates = (line: string, monthFirst = false) => findDates(cleanLine(line), { monthFirst }).map(isoDate);

describe('amounts', () => {
  it.each([
    ['TOTAL 12,50', [1250]],
    ['TOTAL 12.50 EUR', [1250]],
    ['Total: €1,234.56', [123456]],
    ['TOTAL TTC 1 234,56 €', [123456]],
    ['Montant 1.234,56', [123456]],
    ["CHF 1'234.50", [123450]],
    ['REMISE -3,00', [-300]],
    ['BON REDUCTION 3,00-', [-300]],
    ['Refund (4.99)', [-499]],
    ['Prix 12€50', [1250]],
    ['TOTAL:27.50EUR', [2750]],
    ['Total 45 €', [4500]],
    ['$12', [1200]],
    ['2 x 3,50   7,00', [350, 700]],
    ['SR 6 439.00 26.34', [43900, 2634]],
    ['Total Qty 470 465.34', [46534]],
    ['TOTAL 2 125,00', [212500]],
  ])('%s', (line, expected) => {
    expect(amounts(line)).toEqual(expected);
  });

  it('does not read rates, dates, litre prices or references as amounts', () => {
    expect(amounts('TVA 20,00 %')).toEqual([]);
    expect(amounts('PRIX 1,879 EUR/L')).toEqual([]);
    expect(amounts('SIRET 123 456 789 00012')).toEqual([]);
    expect(amounts('Tel 01.23.45.67.89')).toEqual([]);
  });

  it('repairs OCR letters inside numbers, but not inside words', () => {
    expect(amounts('SANDWICH 4,5O')).toEqual([450]);
    expect(amounts('EAU l,2O')).toEqual([120]);
    expect(amounts('TOTAL O,3O')).toEqual([30]);
    expect(cleanLine('TOTAL SOLDE')).toBe('TOTAL SOLDE');
    expect(labelOf('T0TALTTC')).toBe('TOTALTTC');
    expect(cleanLine('Amount Due S1735.41')).toBe('Amount Due $1735.41');
    expect(amounts('TOTAL s57.29')).toEqual([5729]);
    expect(amounts('TVA S,50')).toEqual([550]);
  });

  it('lists the readings of an amount with one 8, 6 or 9 put back to a zero', () => {
    expect(zeroMisreadings(887)).toEqual([87, 807]);
    expect(zeroMisreadings(-1234)).toEqual([]);
  });

  it('converts between cents and decimal strings without floats', () => {
    expect(toDecimalString(123456)).toBe('1234.56');
    expect(toDecimalString(-5)).toBe('-0.05');
    expect(fromDecimalString('0.1')).toBe(10);
    expect(fromDecimalString('-12.34')).toBe(-1234);
    expect(() => fromDecimalString('1.234.5')).toThrow();
  });
});

describe('dates', () => {
  it.each([
    ['12/03/2024', '2024-03-12'],
    ['12.03.24 14:32', '2024-03-12'],
    ['2024-03-12', '2024-03-12'],
    ['12-03-2024', '2024-03-12'],
    ['12 mars 2024', '2024-03-12'],
    ['1er févr. 2024', '2024-02-01'],
    ['Le 3 AOÛT 2023', '2023-08-03'],
    ['12 MAR 2024', '2024-03-12'],
    ['March 12, 2024', '2024-03-12'],
    ['Dec 1 2023', '2023-12-01'],
    ['14/13/2024', null],
    ['31/04/2024', null],
    ['03/25/2024', '2024-03-25'],
    ['O8/1l/2O23', '2023-11-08'],
    ['Date: 11 March 2823', '2023-03-11'],
    ['DATE 31 12-2022 13:26', '2022-12-31'],
    ['DATE 24-85-2022 14:26', '2022-05-24'],
    ['DATE 81/08/24 22:21', '2024-08-01'],
    ['Date: 2022-91-17 21:11', '2022-01-17'],
    ['18/86/2024', '2024-06-18'],
  ])('%s', (line, expected) => {
    expect(dates(line)).toEqual(expected === null ? [] : [expected]);
  });

  it('reads 03/04 the European way unless told the receipt is American', () => {
    expect(dates('03/04/2024')).toEqual(['2024-04-03']);
    expect(dates('03/04/2024', true)).toEqual(['2024-03-04']);
  });

  it('rejects 29 February outside leap years', () => {
    expect(dates('29/02/2024')).toEqual(['2024-02-29']);
    expect(dates('29/02/2023')).toEqual([]);
  });
});

describe('rates', () => {
  it('reads percentages in thousandths of a percent', () => {
    expect(findRates('TVA 5,5% 20 % 8.875% 2,10 %').map((token) => token.rate)).toEqual([5500, 20000, 8875, 2100]);
  });

  it('reads a rate whose first digit OCR took for a letter glued to the label', () => {
    expect(findRates(cleanLine('TVAB.1% 2.63')).map((token) => token.rate)).toEqual([8100]);
    expect(findRates(cleanLine('TVA S,5% 0,21')).map((token) => token.rate)).toEqual([5500]);
  });
});

describe('VAT numbers', () => {
  it('checks the French key against the SIREN', () => {
    expect(frenchKeyIsValid('40', '303265045')).toBe(true);
    expect(frenchKeyIsValid('41', '303265045')).toBe(false);
  });

  it.each([
    ['TVA FR 40 303 265 045', 'FR40303265045'],
    ['N° TVA intracom : FR4O3O3265045', 'FR40303265045'],
    ['VAT Reg No: GB 123 4567 89', 'GB123456789'],
    ['USt-IdNr.: DE123456789', 'DE123456789'],
    ['BTW NL123456789B01', 'NL123456789B01'],
    ['VAT: NL731683277801', 'NL731683277B01'],
    ['CHE-123.456.789 MWST', 'CHE-123.456.789'],
    ['P.IVA IT12345678901', 'IT12345678901'],
  ])('%s', (line, expected) => {
    expect(findVatNumber([line])?.value).toBe(expected);
  });

  it('gives a wrong French key a low confidence and a right one a high one', () => {
    expect(findVatNumber(['TVA FR 41 303265045'])!.confidence).toBeLessThan(0.5);
    expect(findVatNumber(['TVA FR 40 303265045'])!.confidence).toBeGreaterThan(0.9);
  });

  it('reads back a slashed zero that OCR made an 8 when the key then checks', () => {
    const read = findVatNumber(['TVA FR 40 383265045'])!;
    expect(read.value).toBe('FR40303265045');
    expect(read.confidence).toBeLessThan(0.9);
  });

  it('does not take words for country codes without a label', () => {
    expect(findVatNumber(['RUE DE LA PAIX 75002 PARIS', 'ES 12345678 items'])).toBeNull();
  });
});

describe('OCR edge noise', () => {
  const words = [
    { text: 'ï', confidence: 3, line: 0 },
    { text: ';', confidence: 20, line: 0 },
    { text: 'TVA', confidence: 17, line: 0 },
    { text: 'BERLIN', confidence: 95, line: 0 },
    { text: '10115', confidence: 96, line: 0 },
    { text: 'TOTAL', confidence: 96, line: 1 },
    { text: '46.06', confidence: 30, line: 1 },
    { text: 'Ea', confidence: 10, line: 1 },
  ];

  it('drops low-confidence scraps at the ends of lines and keeps words and amounts', () => {
    expect(dropEdgeNoise('ï ; TVA BERLIN 10115\nTOTAL 46.06 Ea', words)).toBe('TVA BERLIN 10115\nTOTAL 46.06');
  });

  it('leaves the text alone when the words do not match its lines', () => {
    expect(dropEdgeNoise('something else\nTOTAL 46.06 Ea', words)).toBe('something else\nTOTAL 46.06');
    expect(
      dropEdgeNoise(
        'ï ; TVA BERLIN',
        words.map(({ text, confidence }) => ({ text, confidence })),
      ),
    ).toBe('ï ; TVA BERLIN');
  });
});

describe('merchant from OCR words', () => {
  it('reads the name from its legible words, past a line OCR guessed at and scraps at its ends', () => {
    const lines = ['Eh TUE PTE Aa', '© 3 HOTEL DES ARTS 4', '67 avenue de la République', '31000 TOULOUSE', 'TOTAL 12,00'];
    const confidences = [
      [0, 19, 14, 18],
      [29, 40, 96, 95, 96, 35],
      [96, 95, 95, 94, 94],
      [96, 96],
      [96, 96],
    ];
    const words = lines.flatMap((line, index) =>
      line.split(' ').map((text, position) => ({ text, confidence: confidences[index]![position]!, line: index })),
    );
    expect(parseReceipt({ text: lines.join('\n'), words }).merchant?.value).toBe('HOTEL DES ARTS');
    // Without the words, the first line that reads like a name is taken, scraps and all.
    expect(parseReceipt({ text: lines.join('\n') }).merchant?.value).toBe('Eh TUE PTE Aa');
  });
});
