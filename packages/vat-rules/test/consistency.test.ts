import { describe, expect, it } from 'vitest';
import type { Category, VatInput } from '../src/index.js';
import { breakdownOf, eur, problemsOf } from './compute.js';

const tolls = (fields: Omit<VatInput, 'currency' | 'category'>): VatInput => ({ currency: 'EUR', category: 'tolls', ...fields });
const twoRates = (totalInclVat: string): VatInput =>
  tolls({
    totalInclVat,
    vatLines: [
      { rate: '10', amount: '3.00', base: '30.00' },
      { rate: '20', amount: '2.00', base: '10.00' },
    ],
  });

describe('the bases of VAT lines', () => {
  it('takes a single unprinted base from the totals, so that HT + VAT = TTC exactly', () => {
    // 45.00 − 7.50 = 37.50 (37.50 × 20 % = 7.50 checks)
    expect(breakdownOf(tolls({ totalInclVat: '45.00', vatLines: [{ rate: '20', amount: '7.50' }] })).lines).toEqual([
      { rate: '20', base: eur('37.50'), baseSource: 'remainder', vat: eur('7.50'), recoverable: eur('7.50'), nonRecoverable: eur('0.00') },
    ]);
  });

  it('apportions several unprinted bases so that they make the totals, each within what its VAT allows', () => {
    // take-away 1.35 TTC at 5.5 % (VAT 0.07), a meal 6.49 TTC at 10 % (VAT 0.59): TTC 7.84, HT 7.84 − 0.66 = 7.18
    // VAT 0.07 at 5.5 % is any base from 1.19 to 1.36 (0.06545 → 0.07 … 0.0748 → 0.07), 0.59 at 10 % from 5.85 to 5.94
    // taken back: 0.07 / 5.5 % = 1.2727 → 1.27, 0.59 / 10 % = 5.90, 7.17: the cent missing goes to the first line, 1.28
    const breakdown = breakdownOf(
      tolls({
        totalInclVat: '7.84',
        vatLines: [
          { rate: '5.5', amount: '0.07' },
          { rate: '10', amount: '0.59' },
        ],
      }),
    );
    expect(breakdown.lines.map((line) => [line.rate, line.base.value, line.baseSource])).toEqual([
      ['5.5', '1.28', 'apportioned'],
      ['10', '5.90', 'apportioned'],
    ]);
    expect(breakdown).toMatchObject({ totalExclVat: eur('7.18'), vat: eur('0.66') });
  });

  it('refuses unprinted bases the VAT cannot reach', () => {
    // 0.07 at 5.5 % allows at most 1.36 and 0.59 at 10 % at most 5.94: bases reach 7.30, TTC at most 7.30 + 0.66 = 7.96
    // with a cent per line: 7.98 is accepted, 7.99 refused
    const receipt = (totalInclVat: string) =>
      tolls({
        totalInclVat,
        vatLines: [
          { rate: '5.5', amount: '0.07' },
          { rate: '10', amount: '0.59' },
        ],
      });
    expect(breakdownOf(receipt('7.98')).lines.map((line) => line.base.value)).toEqual(['1.36', '5.94']);
    expect(problemsOf(receipt('7.99'))).toEqual([expect.objectContaining({ field: '/totalInclVat', code: 'totals_not_matching' })]);
  });

  it('accepts the 2.1 % rate', () => {
    // 10.21 TTC, 0.21 VAT at 2.1 %: HT 10.00 (10.00 × 2.1 % = 0.21 checks)
    expect(breakdownOf(tolls({ totalInclVat: '10.21', vatLines: [{ rate: '2.1', amount: '0.21' }] })).totalExclVat).toEqual(eur('10.00'));
  });
});

describe('inconsistent receipts are reported, not adjusted', () => {
  it('accepts a cent of difference per VAT line and no more', () => {
    // 30.00 + 3.00 + 10.00 + 2.00 = 45.00; two lines allow 45.02, not 45.03
    expect(breakdownOf(twoRates('45.02')).totalExclVat).toEqual(eur('40.02'));
    expect(problemsOf(twoRates('45.03'))).toEqual([expect.objectContaining({ field: '/totalInclVat', code: 'totals_not_matching' })]);
  });

  it('a printed HT that does not make the total with the VAT', () => {
    // 37.40 + 7.50 = 44.90, ten cents from 45.00
    expect(problemsOf(tolls({ totalInclVat: '45.00', totalExclVat: '37.40', vatLines: [{ rate: '20', amount: '7.50' }] }))).toEqual([
      expect.objectContaining({ field: '/totalExclVat', code: 'excl_vat_total_not_matching' }),
    ]);
    // 37.51 + 7.50 = 45.01: within the line's cent
    expect(
      breakdownOf(tolls({ totalInclVat: '45.00', totalExclVat: '37.51', vatLines: [{ rate: '20', amount: '7.50' }] })).totalExclVat,
    ).toEqual(eur('37.50'));
  });

  it('a receipt without VAT lines whose HT differs from its total', () => {
    expect(problemsOf(tolls({ totalInclVat: '45.00', totalExclVat: '44.99', vatLines: [] }))).toEqual([
      expect.objectContaining({ field: '/totalExclVat', code: 'excl_vat_total_not_matching' }),
    ]);
  });

  it('a VAT amount that is not its rate of its printed base', () => {
    // 37.50 × 20 % = 7.50, not 7.60 (37.50 + 7.60 = 45.10 makes the total, the line does not)
    expect(problemsOf(tolls({ totalInclVat: '45.10', vatLines: [{ rate: '20', amount: '7.60', base: '37.50' }] }))).toEqual([
      expect.objectContaining({ field: '/vatLines/0/amount', code: 'vat_not_matching_base' }),
    ]);
  });

  it('VAT above the total', () => {
    // 7.50 of VAT in a 5.00 total: the base 7.50 / 20 % = 37.50 + 7.50 ≠ 5.00
    expect(problemsOf(tolls({ totalInclVat: '5.00', vatLines: [{ rate: '20', amount: '7.50' }] }))).toEqual([
      expect.objectContaining({ field: '/totalInclVat', code: 'totals_not_matching' }),
    ]);
  });

  it.each([['19.6'], ['7'], ['abc'], ['']])('an unknown rate (%j)', (rate) => {
    expect(problemsOf(tolls({ totalInclVat: '45.00', vatLines: [{ rate, amount: '7.50' }] }))).toEqual([
      expect.objectContaining({ field: '/vatLines/0/rate', code: 'unknown_rate' }),
    ]);
  });

  it('a VAT amount printed without its rate', () => {
    expect(problemsOf(tolls({ totalInclVat: '45.00', vatLines: [{ rate: null, amount: '7.50' }] }))).toEqual([
      expect.objectContaining({ field: '/vatLines/0/rate', code: 'unknown_rate' }),
    ]);
  });

  it('the same rate on two lines', () => {
    const input = tolls({
      totalInclVat: '45.00',
      vatLines: [
        { rate: '20', amount: '5.00' },
        { rate: '20.0', amount: '2.50' },
      ],
    });
    expect(problemsOf(input)).toEqual([expect.objectContaining({ field: '/vatLines/1/rate', code: 'duplicate_rate' })]);
  });
});

describe('malformed input names its field', () => {
  it.each([
    ['/totalInclVat', tolls({ totalInclVat: '45,00', vatLines: [] })],
    ['/totalInclVat', tolls({ totalInclVat: '-45.00', vatLines: [] })],
    ['/totalExclVat', tolls({ totalInclVat: '45.00', totalExclVat: '0', vatLines: [] })],
    ['/vatLines/0/amount', tolls({ totalInclVat: '45.00', vatLines: [{ rate: '20', amount: '7.505' }] })],
    ['/vatLines/0/base', tolls({ totalInclVat: '45.00', vatLines: [{ rate: '20', amount: '7.50', base: '37.5.0' }] })],
    ['/vatLines/0/amount', tolls({ totalInclVat: '45.00', vatLines: [{ rate: '20', amount: 7.5 as unknown as string }] })],
  ])('%s', (field, input) => {
    expect(problemsOf(input)).toEqual([expect.objectContaining({ field, code: 'invalid_amount' })]);
  });

  it('a receipt in another currency than EUR', () => {
    expect(problemsOf({ ...tolls({ totalInclVat: '45.00', vatLines: [] }), currency: 'USD' })).toEqual([
      expect.objectContaining({ field: '/currency', code: 'unsupported_currency' }),
    ]);
  });

  it('a category outside the list', () => {
    expect(problemsOf({ ...tolls({ totalInclVat: '45.00', vatLines: [] }), category: 'parking' as Category })).toEqual([
      expect.objectContaining({ field: '/category', code: 'unknown_category' }),
    ]);
  });

  it.each([
    ['/vehicle', { vehicle: 'truck' }],
    ['/fuel', { vehicle: 'passenger_car', fuel: 'hydrogen' }],
    ['/companyMention', { companyMention: 'yes' }],
  ])('a value outside its list: %s', (field, fields) => {
    const input = {
      ...tolls({ totalInclVat: '60.00', vatLines: [{ rate: '20', amount: '10.00' }] }),
      category: 'fuel',
      ...fields,
    } as unknown as VatInput;
    expect(problemsOf(input)).toEqual([expect.objectContaining({ field, code: 'invalid_choice' })]);
  });

  it.each([
    ['/vatLines', { totalInclVat: '45.00', vatLines: null }],
    ['/vatLines/0', { totalInclVat: '45.00', vatLines: ['7.50'] }],
    ['/vatLines/0/rate', { totalInclVat: '45.00', vatLines: [{ rate: 20, amount: '7.50' }] }],
  ])('a VAT line of the wrong shape: %s', (field, fields) => {
    const problems = problemsOf({ ...tolls({ totalInclVat: '45.00', vatLines: [] }), ...fields } as unknown as VatInput);
    expect(problems).toEqual([expect.objectContaining({ field })]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(
      tolls({
        totalInclVat: 'x',
        vatLines: [
          { rate: '19.6', amount: '1.00' },
          { rate: '20', amount: 'y' },
        ],
      }),
    );
    expect(problems.map((found) => found.field)).toEqual(['/totalInclVat', '/vatLines/0/rate', '/vatLines/1/amount']);
  });
});
