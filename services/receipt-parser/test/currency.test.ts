import { describe, expect, it } from 'vitest';
import { currencyFromSigns } from '../src/fields/currency.js';
import { foldForKeywords } from '../src/text/normalize.js';
import { parseReceipt } from '../src/parse-receipt.js';

const currency = (text: string) => currencyFromSigns(foldForKeywords(text));

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

describe('the currency of a receipt without signs, from the place it was written', () => {
  const parsed = (text: string) => parseReceipt({ text }).currency;

  it.each([
    ['a British postcode beside its town', 'STAPLES\n34 Broadway\nMANCHESTER M1 1AE\nNet total 17.95\nTotal to pay 21.22', 'GBP'],
    ['rates only Germany charges', 'CITYLODGE\n56High Street\n80331MUENCHEN\nTotal to pay 196,44\nincl.VAT 7% 12,85', 'EUR'],
    [
      'rates only the Netherlands charge',
      'ALDI\n3011ROTTERDAM\nCOFFEE 5.23\nHAM 3.67\nTotal to pay 8.90\nVAT21% 0.64\nVAT9.00% 0.22',
      'EUR',
    ],
    ['rates only Britain charges', 'BOOTS\nTotal 21.22\nVAT 20% 3.16\nVAT 5% 0.11', 'GBP'],
    ["Switzerland's rates", 'KIOSK\nTotal 30.08\nMWST 8.1% 2.25', 'CHF'],
  ])('%s', (_, text, expected) => {
    expect(parsed(text)).toMatchObject({ value: expected });
    expect(parsed(text)!.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['a rate several currencies charge (20 %: France, Austria, Britain)', 'SHOP\nTotal 12.00\nVAT 20% 2.00'],
    ["a rate called GST, whatever the country's VAT charges", 'KEDAI RUNCIT\nTotal 10.60\nGST 6% 0.60'],
    ['a postcode-like code below the header', 'SHOP\n1\n2\n3\n4\n5\n6\n7\n8\nREF SH1 2AB\nTotal 12.00'],
    ['a postcode alone on its line, no town', 'SHOP\nM1 1AE\nTotal 12.00'],
    ['rates of a country whose currency the receipt prints and the parser does not read', 'SKLEP\nSUMA PLN 12,30\nVAT 23% 2,30'],
    ['a Malaysian receipt in RM', 'KEDAI\nTotal RM 10.70\nVAT 7% 0.70'],
  ])('none from %s', (_, text) => {
    expect(parsed(text)).toBeNull();
  });

  it('none when the address and the rates disagree', () => {
    expect(parsed('SHOP\nMANCHESTER M1 1AE\nTotal 10.70\nVAT 7% 0.70')).toBeNull();
  });

  it('a sign printed outweighs the place', () => {
    expect(parsed('SHOP\nMANCHESTER M1 1AE\nTotal 12.00 EUR\nVAT 20% 2.00')).toMatchObject({ value: 'EUR' });
  });
});
