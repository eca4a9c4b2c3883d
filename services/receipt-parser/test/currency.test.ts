import { describe, expect, it } from 'vitest';
import { findCurrency } from '../src/fields/currency.js';
import { foldForKeywords } from '../src/text/normalize.js';

const currency = (text: string) => findCurrency(foldForKeywords(text), 'en');

describe("the currency of a receipt whose signs were not read, from its merchant's VAT number", () => {
  it.each([
    ['WHSMITH\nVAT No. GB504441118\nAmount due 32.76', 'GBP'],
    ['THE GRAND HOTEL\nVAT:NL731683277B01\nTotal (incl. VAT) 236,91', 'EUR'],
    ['CAFE DU PORT\nTVA intracom. FR23846399241\nNET A PAYER 6,59', 'EUR'],
    ['TAXI ZURICH\nCHE-668.824.662 MWST\nTotal 30.08', 'CHF'],
  ])('%s', (text, expected) => {
    expect(currency(text)).toMatchObject({ value: expected });
    expect(currency(text)!.confidence).toBeLessThan(0.9);
  });

  it('lets a sign printed on the receipt outweigh the VAT number', () => {
    expect(currency('VAT No. GB504441118\nTOTAL 12.00 EUR')).toMatchObject({ value: 'EUR' });
  });

  it('reads no currency from a number that is not a VAT number', () => {
    expect(currency('Tel 0405 584 1802\nRef DE12\nTotal 12.00')).toBeNull();
  });
});
