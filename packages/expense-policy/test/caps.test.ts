import { describe, expect, it } from 'vitest';
import { eur, expense, outcome, rules } from './policy.js';

const restaurantCap = rules({ kind: 'category_cap', category: 'restaurant', perExpense: '25.00', perDay: '40.00', severity: 'block' });

describe('caps per category', () => {
  it('an expense over the per-expense cap is split into the capped part and the refused rest', () => {
    // 32.47 − 25.00 = 7.47 refused
    const result = outcome(expense({ amount: eur('32.47') }), restaurantCap);
    expect(result.violations).toEqual([
      {
        code: 'cap_per_expense',
        severity: 'block',
        message: {
          fr: 'Plafond par dépense de la catégorie restaurant dépassé : 25,00 EUR retenus, 7,47 EUR refusés.',
          en: 'Over the per-expense cap of restaurant: 25.00 EUR accepted, 7.47 EUR refused.',
        },
        rule: { kind: 'category_cap', pointer: '/rules/0' },
        split: { capped: eur('25.00'), refused: eur('7.47') },
      },
    ]);
    expect(result.amounts).toEqual({ claimed: eur('32.47'), accepted: eur('25.00'), refused: eur('7.47') });
    expect(result.blocked).toBe(false);
  });

  it('exactly the cap is not over it', () => {
    expect(outcome(expense({ amount: eur('25.00') }), restaurantCap).violations).toEqual([]);
  });

  it('the daily cap is split across two expenses of the same day, the earlier one using it first', () => {
    const lunch = expense({ id: 'lunch', amount: eur('22.30'), createdAt: '2026-03-12T12:40:00Z' });
    const dinner = expense({ id: 'dinner', amount: eur('24.90'), createdAt: '2026-03-12T21:15:00Z' });
    // lunch 22.30 ≤ 25.00 and ≤ 40.00: nothing cut
    expect(outcome(lunch, restaurantCap, [dinner]).violations).toEqual([]);
    // dinner 24.90 ≤ 25.00, but 40.00 − 22.30 = 17.70 left for the day: 17.70 capped, 24.90 − 17.70 = 7.20 refused
    const result = outcome(dinner, restaurantCap, [lunch]);
    expect(result.violations).toMatchObject([{ code: 'cap_per_day', split: { capped: eur('17.70'), refused: eur('7.20') } }]);
    expect(result.amounts).toEqual({ claimed: eur('24.90'), accepted: eur('17.70'), refused: eur('7.20') });
  });

  it('the day counts what each expense kept after its own cap; both caps on one expense add up', () => {
    const lunch = expense({ id: 'lunch', amount: eur('30.00'), createdAt: '2026-03-12T12:40:00Z' });
    const dinner = expense({ id: 'dinner', amount: eur('28.00'), createdAt: '2026-03-12T21:15:00Z' });
    // lunch: 30.00 → 25.00 (5.00 refused); the day has 40.00 − 25.00 = 15.00 left
    // dinner: 28.00 → 25.00 by its own cap (3.00 refused), then → 15.00 by the day (10.00 refused): 13.00 refused in all
    const result = outcome(dinner, restaurantCap, [lunch]);
    expect(result.violations.map((violation) => [violation.code, violation.split])).toEqual([
      ['cap_per_expense', { capped: eur('25.00'), refused: eur('3.00') }],
      ['cap_per_day', { capped: eur('15.00'), refused: eur('10.00') }],
    ]);
    expect(result.amounts).toEqual({ claimed: eur('28.00'), accepted: eur('15.00'), refused: eur('13.00') });
  });

  it('other categories of the day do not count against a category cap', () => {
    const taxi = expense({ id: 'taxi', category: 'taxi', amount: eur('80.00'), createdAt: '2026-03-12T08:00:00Z' });
    expect(outcome(expense({ amount: eur('24.00') }), restaurantCap, [taxi]).violations).toEqual([]);
  });

  it('the note given replaces its stored version among the day, so a correction is evaluated once', () => {
    const stored = expense({ id: 'dinner', amount: eur('39.00'), createdAt: '2026-03-12T21:15:00Z' });
    const corrected = { ...stored, amount: eur('20.00') };
    const lunch = expense({ id: 'lunch', amount: eur('22.30'), createdAt: '2026-03-12T12:40:00Z' });
    // the day is lunch 22.30 + dinner 20.00 = 42.30 > 40.00: 17.70 capped, 2.30 refused (not 39.00 counted too)
    const first = outcome(corrected, restaurantCap, [lunch, stored]);
    expect(first.violations).toMatchObject([{ code: 'cap_per_day', split: { capped: eur('17.70'), refused: eur('2.30') } }]);
    expect(outcome(corrected, restaurantCap, [lunch, stored])).toEqual(first);
  });

  it('a warning cap flags the split without refusing anything', () => {
    const warn = rules({ kind: 'category_cap', category: 'restaurant', perExpense: '25.00', severity: 'warning' });
    const result = outcome(expense({ amount: eur('26.00') }), warn);
    // 26.00 − 25.00 = 1.00 over, flagged only
    expect(result.violations).toMatchObject([{ severity: 'warning', split: { capped: eur('25.00'), refused: eur('1.00') } }]);
    expect(result.amounts).toEqual({ claimed: eur('26.00'), accepted: eur('26.00'), refused: eur('0.00') });
  });

  it('a warning cap does not lower what a blocking daily cap counts, so the day never goes over it', () => {
    const mixed = rules({ kind: 'category_cap', category: 'restaurant', perExpense: '25.00', perDay: '40.00', severity: 'warning' });
    const dayBlock = rules(
      { kind: 'category_cap', category: 'restaurant', perExpense: '25.00', severity: 'warning' },
      { kind: 'per_diem', categories: ['restaurant'], byCountry: { FR: '40.00' }, severity: 'block' },
    );
    const lunch = expense({ id: 'lunch', country: 'FR', amount: eur('30.00'), createdAt: '2026-03-12T12:40:00Z' });
    const dinner = expense({ id: 'dinner', country: 'FR', amount: eur('30.00'), createdAt: '2026-03-12T21:15:00Z' });
    // lunch keeps its 30.00 (the 25.00 cap only warns): 40.00 − 30.00 = 10.00 left for the day's per diem
    // dinner: warned over 25.00 (5.00), then 30.00 → 10.00 by the per diem: 20.00 refused, the day accepts 30.00 + 10.00 = 40.00
    const result = outcome(dinner, dayBlock, [lunch]);
    expect(result.violations.map((violation) => [violation.code, violation.severity, violation.split])).toEqual([
      ['cap_per_expense', 'warning', { capped: eur('25.00'), refused: eur('5.00') }],
      ['per_diem', 'block', { capped: eur('10.00'), refused: eur('20.00') }],
    ]);
    expect(result.amounts).toEqual({ claimed: eur('30.00'), accepted: eur('10.00'), refused: eur('20.00') });
    // with both caps warning only, the day counts 30.00 + 30.00 = 60.00 against 40.00: 30.00 over, nothing refused
    expect(outcome(dinner, mixed, [lunch]).violations.map((violation) => violation.split)).toEqual([
      { capped: eur('25.00'), refused: eur('5.00') },
      { capped: eur('10.00'), refused: eur('20.00') },
    ]);
  });
});

describe('per diem by country', () => {
  const perDiem = rules({
    kind: 'per_diem',
    categories: ['hotel', 'restaurant'],
    byCountry: { FR: '120.00', GB: '150.00' },
    otherCountries: '100.00',
    severity: 'block',
  });

  it("the day's lodging and meals in one country share its allowance", () => {
    const hotel = expense({ id: 'hotel', category: 'hotel', country: 'GB', amount: eur('118.40'), createdAt: '2026-03-12T10:00:00Z' });
    const dinner = expense({ id: 'dinner', country: 'GB', amount: eur('41.75'), createdAt: '2026-03-12T21:00:00Z' });
    // GB: 150.00 − 118.40 = 31.60 left; 41.75 − 31.60 = 10.15 refused
    const result = outcome(dinner, perDiem, [hotel]);
    expect(result.violations).toMatchObject([
      { code: 'per_diem', rule: { pointer: '/rules/0' }, split: { capped: eur('31.60'), refused: eur('10.15') } },
    ]);
  });

  it('each country of the day has its own allowance; no country and no fallback, no per diem', () => {
    const hotel = expense({ id: 'hotel', category: 'hotel', country: 'GB', amount: eur('140.00'), createdAt: '2026-03-12T08:00:00Z' });
    // FR: 120.00 whole, the GB hotel does not count: 119.99 ≤ 120.00
    expect(outcome(expense({ country: 'FR', amount: eur('119.99') }), perDiem, [hotel]).violations).toEqual([]);
    const listedOnly = rules({ kind: 'per_diem', categories: ['restaurant'], byCountry: { FR: '20.00' }, severity: 'block' });
    expect(outcome(expense({ amount: eur('500.00') }), listedOnly).violations).toEqual([]);
  });

  it('a country not listed gets the other countries’ allowance; a category not listed is not counted', () => {
    const taxi = expense({ id: 'taxi', category: 'taxi', country: 'DE', amount: eur('60.00'), createdAt: '2026-03-12T08:00:00Z' });
    // DE → 100.00; the taxi does not count: 100.01 − 100.00 = 0.01 refused
    const result = outcome(expense({ category: 'hotel', country: 'DE', amount: eur('100.01') }), perDiem, [taxi]);
    expect(result.violations).toMatchObject([{ code: 'per_diem', split: { capped: eur('100.00'), refused: eur('0.01') } }]);
  });
});
