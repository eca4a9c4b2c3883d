import { describe, expect, it } from 'vitest';
import { eur, expense, outcome, rules } from './policy.js';

const codes = (result: { violations: readonly { code: string }[] }) => result.violations.map((violation) => violation.code);

describe('receipt mandatory above an amount', () => {
  const ruleSet = rules({ kind: 'receipt_required', above: '15.00', severity: 'block' });

  it('strictly above the amount, without a receipt: blocked', () => {
    // 15.01 > 15.00
    const result = outcome(expense({ amount: eur('15.01'), hasReceipt: false }), ruleSet);
    expect(result.violations).toEqual([
      {
        code: 'receipt_missing',
        severity: 'block',
        message: { fr: 'Justificatif obligatoire au-delà de 15,00 EUR.', en: 'A receipt is required above 15.00 EUR.' },
        rule: { kind: 'receipt_required', pointer: '/rules/0' },
      },
    ]);
    expect(result.blocked).toBe(true);
  });

  it('at the amount, or with a receipt: nothing', () => {
    expect(codes(outcome(expense({ amount: eur('15.00'), hasReceipt: false }), ruleSet))).toEqual([]);
    expect(codes(outcome(expense({ amount: eur('150.00'), hasReceipt: true }), ruleSet))).toEqual([]);
  });
});

describe('maximum age at submission', () => {
  const ruleSet = rules({ kind: 'max_age', days: 90, severity: 'warning' });

  it('counts whole days from the expense date to the submission day (UTC)', () => {
    // 2025-12-12 → 2026-03-13: 19 (rest of Dec) + 31 + 28 + 13 = 91 > 90
    const result = outcome(expense({ date: '2025-12-12', createdAt: '2025-12-12T20:00:00Z' }), ruleSet, [], '2026-03-13T23:59:00Z');
    expect(result.violations).toMatchObject([
      { code: 'too_old', severity: 'warning', message: { en: 'Expense 91 days old: at most 90 days before it is submitted.' } },
    ]);
    expect(result.blocked).toBe(false);
    // 2025-12-13 → 2026-03-13: 90 days, allowed
    expect(codes(outcome(expense({ date: '2025-12-13' }), ruleSet, [], '2026-03-13T00:00:00Z'))).toEqual([]);
  });
});

describe('weekends', () => {
  const ruleSet = rules({ kind: 'weekend', severity: 'warning' });

  it('Saturday and Sunday, not Friday or Monday', () => {
    // 2026-03-01 was a Sunday: the 13th a Friday, 14th Saturday, 15th Sunday, 16th Monday
    const on = (date: string) => codes(outcome(expense({ date }), ruleSet, [], '2026-03-20T09:00:00Z'));
    expect([on('2026-03-13'), on('2026-03-14'), on('2026-03-15'), on('2026-03-16')]).toEqual([[], ['weekend'], ['weekend'], []]);
  });
});

describe('alcohol', () => {
  const ruleSet = rules({ kind: 'alcohol', severity: 'block' });

  it("a word of the receipt's text, whatever its case and accents", () => {
    const result = outcome(expense({ receiptText: 'PLAT DU JOUR 14,50\n1 BIÈRE PRESSION 6,00\nTOTAL 20,50' }), ruleSet);
    expect(result.violations).toMatchObject([
      {
        code: 'alcohol',
        message: {
          fr: 'Alcool (« biere » sur le justificatif) non remboursable.',
          en: 'Alcohol ("biere" on the receipt) is not reimbursed.',
        },
      },
    ]);
  });

  it('only whole words: "vinaigrette" and "gingembre" are not alcohol', () => {
    expect(codes(outcome(expense({ receiptText: 'SALADE VINAIGRETTE 9,00 THE GINGEMBRE 3,50' }), ruleSet))).toEqual([]);
  });

  it('the flag alone is enough, and a tenant may give its own words', () => {
    expect(outcome(expense({ alcohol: true }), ruleSet).violations).toMatchObject([
      { code: 'alcohol', message: { en: 'Alcohol (declared) is not reimbursed.' } },
    ]);
    const own = rules({ kind: 'alcohol', words: ['Saint-Émilion'], severity: 'warning' });
    expect(codes(outcome(expense({ receiptText: '1 saint emilion 2019' }), own))).toEqual(['alcohol']);
    expect(codes(outcome(expense({ receiptText: '1 BIERE' }), own))).toEqual([]);
  });
});

describe('attendees for meals', () => {
  const ruleSet = rules({ kind: 'meal_attendees', categories: ['client_meal'], severity: 'block' });

  it('a meal of the listed categories names at least one attendee', () => {
    expect(codes(outcome(expense({ category: 'client_meal' }), ruleSet))).toEqual(['attendees_missing']);
    expect(codes(outcome(expense({ category: 'client_meal', attendees: ['  '] }), ruleSet))).toEqual(['attendees_missing']);
    expect(codes(outcome(expense({ category: 'client_meal', attendees: ['J. Martin (Acme)'] }), ruleSet))).toEqual([]);
    expect(codes(outcome(expense({ category: 'restaurant' }), ruleSet))).toEqual([]);
  });
});

describe('project mandatory', () => {
  it('for every category, or only the listed ones', () => {
    const everywhere = rules({ kind: 'project_required', severity: 'block' });
    expect(codes(outcome(expense({ category: 'taxi' }), everywhere))).toEqual(['project_missing']);
    expect(codes(outcome(expense({ category: 'taxi', project: 'PRJ-042' }), everywhere))).toEqual([]);
    const hotels = rules({ kind: 'project_required', categories: ['hotel'], severity: 'block' });
    expect(codes(outcome(expense({ category: 'taxi' }), hotels))).toEqual([]);
    expect(codes(outcome(expense({ category: 'hotel', project: ' ' }), hotels))).toEqual(['project_missing']);
  });
});
