import { describe, expect, it } from 'vitest';
import {
  bareAmount,
  holdsAmount,
  holdsDate,
  holdsNameUnspaced,
  nameTokens,
  printedDateToIso,
  readTruth,
  sameMerchant,
  tokenOverlap,
} from './real/truth.js';
import { wrongTotalKind } from './real/wrong-total.js';

describe('real receipts: judging OCR text and parsed fields against the truth', () => {
  it('takes the currency off a printed total, and has none for an empty one', () => {
    expect(bareAmount('RM 9.00')).toBe('9.00');
    expect(bareAmount('$6.90')).toBe('6.90');
    expect(bareAmount('80.90')).toBe('80.90');
    expect(bareAmount(' ')).toBeUndefined();
  });

  it('finds an amount only as a whole number', () => {
    expect(holdsAmount('TOTAL RM9.00\nCASH 10.00', '9.00')).toBe(true);
    expect(holdsAmount('TOTAL 19.00', '9.00')).toBe(false);
    expect(holdsAmount('TOTAL 9.005', '9.00')).toBe(false);
    expect(holdsAmount('TOTAL 9.00.', '9.00')).toBe(true);
    expect(holdsAmount('TOTAL 9,00', '9.00')).toBe(false);
  });

  it('finds a date as printed whatever its spacing, a time glued to a four-digit year but not to a two-digit one', () => {
    expect(holdsDate('Date: 05MAR 2018 10:20', '05 MAR 2018')).toBe(true);
    expect(holdsDate('Date 25 / 12/2018', '25/12/2018')).toBe(true);
    expect(holdsDate('Date:22/12/201714:03', '22/12/2017')).toBe(true);
    expect(holdsDate('14-03-2018', '14-03-18')).toBe(false);
    expect(holdsDate('14-03-18 10:20', '14-03-18')).toBe(true);
    expect(holdsDate('114-03-18', '14-03-18')).toBe(false);
    expect(holdsDate('25/12/2018', '26/12/2018')).toBe(false);
  });

  it('compares merchants by their words: 80 % of the truth words make a match', () => {
    expect(nameTokens('MR. D.I.Y. (M) SDN BHD')).toEqual(['MR', 'D', 'I', 'Y', 'M', 'SDN', 'BHD']);
    expect(tokenOverlap('Café Léa', 'CAFE LEA')).toBe(1);
    expect(sameMerchant('SYARIKAT PERNIAGAAN GIN KEE', 'Syarikat Perniagaan Gin Kee (81109-A)')).toBe(true);
    expect(sameMerchant('GERBANG ALAF RESTAURANTS SDN BHD', 'Gerbang Alaf Restaurants')).toBe(false);
    expect(sameMerchant('HOME MASTER HARDWARE & ELECTRICAL', 'HOME MASTER HARDWARE ELECTRICAL SDN')).toBe(true);
    expect(sameMerchant('YONGFATT ENTERPRISE', undefined)).toBe(false);
    expect(holdsNameUnspaced('tan woon\nYONGFATTENTERPRISE\n', 'YONGFATT ENTERPRISE')).toBe(true);
    expect(holdsNameUnspaced('YONGFATT', 'YONGFATT ENTERPRISE')).toBe(false);
  });

  it('reads printed dates day first, or year first, with month numbers or names', () => {
    expect(printedDateToIso('25/12/2018')).toBe('2018-12-25');
    expect(printedDateToIso('14-03-18')).toBe('2018-03-14');
    expect(printedDateToIso('05 MAR 2018')).toBe('2018-03-05');
    expect(printedDateToIso('14/MAY/2017')).toBe('2017-05-14');
    expect(printedDateToIso('2016/05/01')).toBe('2016-05-01');
    expect(printedDateToIso('2018-01-05')).toBe('2018-01-05');
    expect(printedDateToIso('31/02/2018')).toBeUndefined();
    expect(printedDateToIso('12/2018')).toBeUndefined();
    expect(printedDateToIso('05 XYZ 2018')).toBeUndefined();
  });

  it('refuses a truth file that is not an array of receipts with string fields, naming the field', () => {
    expect(readTruth({})).toEqual({ error: 'truth.json must hold an array of receipts' });
    expect(readTruth([{ id: '1', file: '1.jpg', merchant: 'A', date: '01/01/2018', total: 3 }])).toEqual({
      error: 'truth.json[0].total must be a string',
    });
    expect(readTruth([null])).toEqual({ error: 'truth.json[0].id must be a string' });
    const receipts = [{ id: '1', file: '1.jpg', merchant: 'A', date: '01/01/2018', total: '' }];
    expect(readTruth(receipts)).toEqual(receipts);
  });

  it('names the amount a wrong total was taken from by its line', () => {
    const text = [
      'Total Sales (Excluding GST) 80.91',
      'Total GST 4.85',
      'Rounding -0.01',
      'Total Sales (Inclusive of GST) 80.90',
      'CASH : 100.00',
      'Change 19.10',
      '1 BAG 15.00',
    ].join('\n');
    expect(wrongTotalKind(text, undefined)).toBe('none');
    expect(wrongTotalKind(text, '80.91')).toBe('subtotal');
    expect(wrongTotalKind(text, '4.85')).toBe('tax');
    expect(wrongTotalKind(text, '0.01')).toBe('rounding');
    expect(wrongTotalKind(text, '100.00')).toBe('cash');
    expect(wrongTotalKind(text, '19.10')).toBe('change');
    expect(wrongTotalKind(text, '15.00')).toBe('other');
    expect(wrongTotalKind(text, '42.00')).toBe('other');
  });
});
