import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';

const total = (lines: readonly string[]) => parseReceipt({ text: lines.join('\n') }).totalInclVat;

describe('total chosen by consistency', () => {
  it('does not take the tax column of a summary footer "Total : base tax" (English)', () => {
    const read = total([
      'Total Qty: 3 47.70',
      'Total Sales (Excluding GST): 45.00',
      'Total GST 2.70',
      'Total Sales (Inclusive of GST) 47.70',
      'CASH : 50.00',
      'Change : 2.30',
      'GST SUMMARY',
      'Tax Code % Amt Tax',
      'SR 6 45.00 2.70',
      'Total : 45.00 2.70',
    ]);
    expect(read?.value).toBe('47.70');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('does not take the VAT column of a French summary footer "TOTAL base TVA"', () => {
    const read = total(['MONTANT 24,00', 'TAUX HT TVA', '20% 20,00 4,00', 'TOTAL 20,00 4,00']);
    expect(read?.value).toBe('24.00');
  });

  it('reads a tax total glued by OCR ("TOTALTAX", "TOTALTVA") as the tax, not the total', () => {
    expect(total(['SUB-TOTAL(EX) 4.60', 'ROUNDING 0.02', 'TOTAL 4.90', 'TOTALTAX 0.28'])?.value).toBe('4.90');
    expect(total(['TOTALHT 10,00', 'TOTAL 12,00', 'TOTALTVA 2,00'])?.value).toBe('12.00');
  });

  it('takes the total "inclusive of tax" over a plain total that nothing supports', () => {
    expect(total(['Item 1 12.40', 'Total 12.00', 'Total Incl. GST 12.40', 'Cash 20.00', 'Change 7.60'])?.value).toBe('12.40');
    expect(total(['Article 8,50', 'TOTAL 8,00', 'TOTAL TVA INCLUSE 8,50', 'ESPECES 10,00', 'RENDU 1,50'])?.value).toBe('8.50');
  });

  it('takes the amount that cash tendered minus change gives', () => {
    expect(total(['Coffee 3.00', 'Total 3.50', 'Total 4.00', 'Cash 10.00', 'Change 6.50'])?.value).toBe('3.50');
    expect(total(['Cafe 3,00', 'TOTAL 3,50', 'TOTAL 4,00', 'ESPECES 10,00', 'RENDU 6,50'])?.value).toBe('3.50');
  });

  it('takes a rounded total when the receipt prints one', () => {
    expect(total(['Subtotal 130.00', 'Total Incl. GST 150.00', 'Total Amt Rounded 130.00', 'Payment 130.00'])?.value).toBe('130.00');
    expect(total(['TOTAL TTC 12,03', 'ARRONDI -0,03', 'TOTAL ARRONDI 12,00', 'ESPECES 12,00'])?.value).toBe('12.00');
  });

  it('gives a total nothing confirms a confidence under 0.9', () => {
    expect(total(['Total 12.00'])!.confidence).toBeLessThan(0.9);
    expect(total(['TOTAL TTC 12,00'])!.confidence).toBeLessThan(0.9);
    // Only a guess among unlabelled amounts: said unreadable rather than given (unreadable.test.ts).
    expect(total(['Pain 1,20', 'Lait 0,90'])).toBeNull();
  });

  it('gives a high confidence to a total two facts agree on', () => {
    expect(total(['TOTAL TTC 12,00', 'ESPECES 20,00', 'RENDU 8,00'])!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(total(['AMOUNT DUE 12.00', 'VISA 12.00'])!.confidence).toBeGreaterThanOrEqual(0.9);
  });
});

describe('total chosen by consistency: rounding, payments, quantities', () => {
  it('takes the total printed after a rounding line when it is the other total plus the rounding', () => {
    expect(total(['Total (Inclusive of GST) 65.53', 'Rounding Adj: 0.02', 'TOTAL : 65.55'])?.value).toBe('65.55');
    expect(total(['TOTAL TTC 12,03', 'ARRONDI 0,03', 'TOTAL 12,00'])?.value).toBe('12.00');
  });

  it('takes the amount a card paid over a total label that nothing else supports', () => {
    expect(total(['Total Incl. GST 150.00', 'Total 130.00', 'Payment : 130.00'])?.value).toBe('130.00');
    expect(total(['TOTAL TTC 15,00', 'TOTAL 13,00', 'CB 13,00'])?.value).toBe('13.00');
  });

  it('reads payment minus change, and the change as the last amount of its line', () => {
    expect(total(['Total 12.40', 'Total 12.00', 'Payment 12.50', 'Change Due 0.10'])?.value).toBe('12.40');
    expect(total(['TOTAL 80,90', 'TOTAL 80,91', 'ESPECES 100,00', '80,90 RENDU 19,10'])?.value).toBe('80.90');
  });

  it('takes cash tendered minus change when no total label agrees with anything and that amount is printed', () => {
    expect(total(['2 X 5.30 10.60', 'Total Incl. GST 10.00', 'CASH 20.00', 'CHANGE 9.40'])?.value).toBe('10.60');
    expect(total(['2 X 5,30 10,60', 'TOTAL 10,00', 'ESPECES 20,00', 'RENDU 9,40'])?.value).toBe('10.60');
  });

  it('does not take a quantity line for the total', () => {
    expect(total(['Total 465.34', 'Total Qty 470 465.34'])?.value).toBe('465.34');
    expect(total(['TOTAL 125,00', 'TOTAL ARTICLES 3 125,00'])?.value).toBe('125.00');
  });
});

describe('total when no total label can be trusted', () => {
  it('reads "inclusive" with its first letter misread by OCR ("lnclusive", "1NCL")', () => {
    expect(total(['Total 45.00', 'Total Sales (lnclusive of GST) 47.70', 'Total 45.00'])?.value).toBe('47.70');
    expect(total(['TOTAL 10,00', 'TOTAL 1NCL. TVA 12,00', 'TOTAL 10,00'])?.value).toBe('12.00');
  });

  it('adds up the base and tax of a summary footer when no other total is printed', () => {
    expect(total(['Coffee 1.00', 'SR 6 439.00 26.34', 'Total : 439.00 26.34'])?.value).toBe('465.34');
    expect(total(['Cafe 1,00', '20% 20,00 4,00', 'TOTAL 20,00 4,00'])?.value).toBe('24.00');
  });

  it('takes tendered minus change, when printed elsewhere, over the largest amount', () => {
    expect(total(['Sales : 21.20', 'Voucher 45.00', 'CASH : 100.00', 'Change : 78.80'])?.value).toBe('21.20');
    expect(total(['Ventes 21,20', 'Bon 45,00', 'ESPECES 100,00', 'RENDU 78,80'])?.value).toBe('21.20');
  });
});

describe('total confirmed by the items and by the largest amount tendered', () => {
  it('takes the total the item lines add up to over a stronger label that they do not', () => {
    expect(total(['$7.10 1 $7.10', '$0.50 1 $0.50', 'Total Amount: $7 60', 'GST @6%: $0.43', 'Nett Total: $7.60'])?.value).toBe('7.60');
    expect(total(['Cafe 2 x 1,50 3,00', 'Croissant 1,20', 'TOTAL TTC 4,00', 'TOTAL 4,20'])?.value).toBe('4.20');
  });

  it('takes the cash received, not the cash paid line, as what was tendered', () => {
    expect(total(['Fried Rice 71.00', 'TOTAL 74.00', 'Cash 71.00', 'Cash Received 101.00', 'Change 30.00'])?.value).toBe('71.00');
    expect(total(['Menu 71,00', 'TOTAL 74,00', 'ESPECES 71,00', 'ESPECES RECUES 101,00', 'RENDU 30,00'])?.value).toBe('71.00');
  });
});

describe('items sum: sections and discounts', () => {
  it('does not take a section subtotal that its own items add up to for the total', () => {
    expect(total(['Bread 2.00', 'Milk 1.00', 'Total 0% supplies: 3.00', 'Jam 4.00', 'Total Payable: 7.00'])?.value).toBe('7.00');
    expect(total(['Pain 2,00', 'Lait 1,00', 'TOTAL RAYON 3,00', 'Confiture 4,00', 'TOTAL 3,00', 'TOTAL A PAYER 7,00'])?.value).toBe('7.00');
  });

  it('counts the discounts among the items, so that the total before the discount is not confirmed', () => {
    expect(total(['Socks 9.99', 'Bottle 7.99', 'TOTAL 17.98', 'COUPON 3.00-', 'TOTAL 14.98'])?.value).toBe('14.98');
    expect(total(['CHAUSSETTES 9,99', 'GOURDE 7,99', 'TOTAL 17,98', 'BON REDUCTION 3,00-', 'TOTAL 14,98'])?.value).toBe('14.98');
  });
});

describe('total when cash tendered minus change disagrees', () => {
  it('takes tendered minus change when it is the chosen total plus a printed rounding', () => {
    const lines = [
      'Item 11.60',
      'Item Discount -1.16',
      'Rounding Adj 0.01',
      'CASH 20.00',
      'Change 9.55',
      'SR 6% 9.85 0.59',
      'Total 9.85 0.59 10.44',
    ];
    expect(total(lines)?.value).toBe('10.45');
    expect(total(['Article 11,60', 'Remise -1,16', 'ARRONDI 0,01', 'TOTAL TTC 10,44', 'ESPECES 20,00', 'RENDU 9,55'])?.value).toBe('10.45');
  });

  it('gives a total that cash tendered minus change contradicts a confidence under 0.9', () => {
    expect(total(['AMOUNT DUE 12.00', 'VISA 12.00', 'CASH 20.00', 'CHANGE 7.00'])!.confidence).toBeLessThan(0.9);
    expect(total(['NET A PAYER 12,00', 'CB 12,00', 'ESPECES 20,00', 'RENDU 7,00'])!.confidence).toBeLessThan(0.9);
  });
});

describe('a rounding line that prints the rounded total', () => {
  it('takes the amount of a rounding line when it is a total rounded by a few cents', () => {
    expect(total(['Total Sales (Inclusive GST) RM 181.98', 'Rounding RM 182.00'])?.value).toBe('182.00');
    expect(total(['TOTAL TTC 12,03', 'ARRONDI 12,00'])?.value).toBe('12.00');
  });

  it('does not take a rounding adjustment for the total', () => {
    expect(total(['TOTAL 4.88', 'ROUNDING 0.02'])?.value).toBe('4.88');
    expect(total(['TOTAL TTC 12,03', 'ARRONDI 0,03'])?.value).toBe('12.03');
  });
});
