import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/parse-receipt.js';
import { cleanLine } from '../src/text/normalize.js';

const vatLines = (text: string) => parseReceipt({ text }).vatLines?.value.map((line) => `${line.rate}:${line.amount}`);

// An OCR that boxes whole rows (PaddleOCR) drops the spaces between a label, its rate and its amounts.
describe('VAT lines whose spaces the OCR dropped', () => {
  it.each([
    ['Subtotal 1593.95\nTax8.875% 141.46\nAmount Due $1735.41', ['8.875:141.46']],
    ['Subtotal 1578.25\nNYTax8.25% 130.21\nTOTAL 1708.46USD', ['8.25:130.21']],
    ['TOTAL A PAYER 140,85 EUR\ndont TVA 20% 9,26\ndontTVA5,5% 4,45', ['20:9.26', '5.5:4.45']],
    ['TOTALHT 35,66\nTOTAL A PAYER 39,23EUR\ndontTVA 10% 3,57', ['10:3.57']],
    ['Total HT 422,93\nNet a payer 465,22\nTAUX HT TVA TTC\n10%422.9342.29465.22', ['10:42.29']],
    ['MONTANT TTC 112.68 CHF\nTAUX HT TVA TTC\n8.10%21.791.7623.55\n2.6%86.872.2689.13', ['2.6:2.26', '8.1:1.76']],
  ])('%s', (text, expected) => {
    expect(vatLines(text)?.sort()).toEqual(expected);
  });
});

describe('what parting glued amounts leaves alone', () => {
  it.each(['1.234,56', '1,234.56', '12.03.24', '12.03.2024', 'Ref 1.234.567', 'SYNTAXE 5', 'PRIVATE 20 %', 'BlaBlaCar 12,50'])(
    '%s',
    (line) => {
      expect(cleanLine(line)).toBe(line);
    },
  );

  it("reads a dash right after a currency's code as the space OCR took it for, not a minus", () => {
    expect(cleanLine('Total (incl. VAT) CHF-30.08')).toBe('Total (incl. VAT) CHF 30.08');
    expect(cleanLine('TOTAL EUR-12,50')).toBe('TOTAL EUR 12,50');
    expect(cleanLine('Remboursement -30.08 CHF')).toBe('Remboursement -30.08 CHF');
    expect(cleanLine('Avoir CHF -30.08')).toBe('Avoir CHF -30.08');
    expect(parseReceipt({ text: 'Fare 27.91\nTotal (incl. VAT) CHF-30.08\nCASH 50.00\nCHANGE 19.92' }).totalInclVat?.value).toBe('30.08');
  });

  it('parts amounts with cents glued end to end, and a rate glued to its label or its amounts', () => {
    expect(cleanLine('8.10%21.791.7623.55')).toBe('8.10% 21.79 1.76 23.55');
    expect(cleanLine('dontTVA5,5% 4,45')).toBe('dont TVA 5,5% 4,45');
    expect(cleanLine('NYTax8.25% 130.21')).toBe('NY Tax 8.25% 130.21');
  });
});

describe('two VAT lines whose amounts are within a cent of each other', () => {
  it('keeps both: neither is the total of the other', () => {
    const text = ['ALDI', 'Net total 72,87', 'VAT 21 % 4,60', 'VAT 9 % 4,59', 'Total 82,06 €'].join('\n');
    expect(vatLines(text)).toEqual(['21:4.60', '9:4.59']);
  });
});
