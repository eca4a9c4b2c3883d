import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';

const total = (lines: readonly string[]) => parseReceipt({ text: lines.join('\n') }).totalInclVat;

describe('total labels read through OCR slips', () => {
  it.each([
    ['[otal', ['Coffee 3.50', 'Cake 8.90', '[otal 12.40']],
    ['Tota!', ['Coffee 3.50', 'Cake 8.90', 'Tota! 12.40']],
    ['lotal', ['Coffee 3.50', 'Cake 8.90', 'lotal 12.40']],
    ['T0TAL', ['Coffee 3.50', 'Cake 8.90', 'T0TAL 12.40']],
    ['TOTA1', ['Coffee 3.50', 'Cake 8.90', 'TOTA1 12.40']],
  ])('reads "%s" as a total label (English)', (_, lines) => {
    const read = total(lines);
    expect(read?.value).toBe('12.40');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['Amount Payable', ['Tea 2.00', 'Sandwich 4.50', 'Amount Payable 6.50']],
    ['Amt Payable', ['Tea 2.00', 'Sandwich 4.50', 'Amt Payable 6.50']],
    ['Due', ['Tea 2.00', 'Sandwich 4.50', 'Due 6.50']],
    ['To Pay', ['Tea 2.00', 'Sandwich 4.50', 'To Pay 6.50']],
  ])('reads "%s" as the amount to pay (English)', (_, lines) => {
    expect(total(lines)?.value).toBe('6.50');
  });

  it('reads "Pay" alone as what was handed over, which with the change confirms the amount due', () => {
    const read = total(['Tea 2.00', 'Sandwich 17.50', 'Due 19.20', 'Pay 20.00', 'Change 0.80']);
    expect(read?.value).toBe('19.20');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ['NET A PAVER', ['Baguette 1,20', 'Tarte 9,80', 'NET A PAVER 8,00']],
    ['NET A PAYFR', ['Baguette 1,20', 'Tarte 9,80', 'NET A PAYFR 8,00']],
    ['NETA PAYER', ['Baguette 1,20', 'Tarte 9,80', 'NETA PAYER 8,00']],
    ['NE T A PAYER', ['Baguette 1,20', 'Tarte 9,80', 'NE T A PAYER 8,00']],
    ['TOTAL TIC', ['Baguette 1,20', 'Tarte 9,80', 'TOTAL TIC 8,00']],
    ['TOTAL TTG', ['Baguette 1,20', 'Tarte 9,80', 'TOTAL TTG 8,00']],
    ['T0TAL T.T.C.', ['Baguette 1,20', 'Tarte 9,80', 'T0TAL T.T.C. 8,00']],
  ])('reads "%s" as the total to pay (French)', (_, lines) => {
    const read = total(lines);
    expect(read?.value).toBe('8.00');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.65);
  });

  it('does not read a payment, a due date or a subtotal as the total', () => {
    expect(total(['Tea 2.00', 'Sandwich 4.50', 'Total 6.50', 'Paid by card 6.50', 'Pay back 10.00'])?.value).toBe('6.50');
    expect(total(['Invoice', 'Due date 12/04/2024', 'Services 120.00', 'Total due 120.00'])?.value).toBe('120.00');
    expect(total(['Article 5,00', 'SOUS TOTAL 5,00', 'REMISE 1,00', 'NET A PAVER 4,00'])?.value).toBe('4.00');
  });

  it('reads a total "inclusive of tax" through OCR slips of its words (English)', () => {
    const read = total([
      'Total Sales (Excluding GST) : 94.34',
      'Discount 0.00',
      'Total GST 5.66',
      'Rounding 0.00',
      'Total Sales (iJlusive cf GST) 100.00',
    ]);
    expect(read?.value).toBe('100.00');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('reads a total "TVA incluse" through an OCR slip of its word (French)', () => {
    const read = total(['TOTAL HT 20,00', 'TVA 20% 4,00', 'TOTAL TVA 1NCLUSE 24,00']);
    expect(read?.value).toBe('24.00');
    expect(read?.confidence).toBeGreaterThanOrEqual(0.9);
  });
});
