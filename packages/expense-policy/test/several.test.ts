import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/index.js';
import { eur, expense, NOW, outcome, rules } from './policy.js';

const tenantPolicy = rules(
  { kind: 'category_cap', category: 'client_meal', perExpense: '60.00', perDay: '100.00', severity: 'block' },
  { kind: 'receipt_required', above: '10.00', severity: 'block' },
  { kind: 'weekend', severity: 'warning' },
  { kind: 'alcohol', severity: 'warning' },
  { kind: 'meal_attendees', categories: ['client_meal'], severity: 'block' },
  { kind: 'project_required', severity: 'warning' },
  { kind: 'max_age', days: 60, severity: 'block' },
);

describe('several violations at once', () => {
  it('a Saturday client dinner with wine, no receipt, no attendees, no project, over the cap', () => {
    // 2026-03-14 is a Saturday; 87.20 − 60.00 = 27.20 refused by the per-expense cap; age 1 day
    const dinner = expense({
      date: '2026-03-14',
      category: 'client_meal',
      amount: eur('87.20'),
      hasReceipt: false,
      receiptText: 'Menu 2x 32,00\nVin rouge 23,20',
    });
    const result = outcome(dinner, tenantPolicy, [], '2026-03-15T08:00:00Z');
    expect(result.violations.map((violation) => [violation.code, violation.severity, violation.rule.pointer])).toEqual([
      ['cap_per_expense', 'block', '/rules/0'],
      ['receipt_missing', 'block', '/rules/1'],
      ['weekend', 'warning', '/rules/2'],
      ['alcohol', 'warning', '/rules/3'],
      ['attendees_missing', 'block', '/rules/4'],
      ['project_missing', 'warning', '/rules/5'],
    ]);
    expect(result.violations[0]!.split).toEqual({ capped: eur('60.00'), refused: eur('27.20') });
    expect(result.amounts).toEqual({ claimed: eur('87.20'), accepted: eur('60.00'), refused: eur('27.20') });
    expect(result.blocked).toBe(true);
  });

  it('is idempotent: the same input gives the same result, whatever the order of the day', () => {
    const a = expense({
      id: 'a',
      category: 'client_meal',
      amount: eur('55.00'),
      createdAt: '2026-03-12T12:00:00Z',
      attendees: ['x'],
      project: 'P',
    });
    const b = expense({
      id: 'b',
      category: 'client_meal',
      amount: eur('58.00'),
      createdAt: '2026-03-12T20:00:00Z',
      attendees: ['y'],
      project: 'P',
    });
    const c = expense({
      id: 'c',
      category: 'client_meal',
      amount: eur('12.00'),
      createdAt: '2026-03-12T20:00:00Z',
      attendees: ['z'],
      project: 'P',
    });
    // a 55.00, then b 58.00 → 45.00 left (13.00 refused); c created at the same instant as b comes after it (id order): 0.00 left, 12.00 refused
    const forC = outcome(c, tenantPolicy, [b, a]);
    expect(forC.violations).toMatchObject([{ code: 'cap_per_day', split: { capped: eur('0.00'), refused: eur('12.00') } }]);
    expect(outcome(c, tenantPolicy, [a, b])).toEqual(forC);
    expect(outcome(b, tenantPolicy, [c, a]).violations).toMatchObject([{ split: { capped: eur('45.00'), refused: eur('13.00') } }]);
  });
});

describe('bad input is refused with its field', () => {
  it('names each wrong field of the note, the day and the clock', () => {
    const result = evaluate(
      { ...expense(), date: '2026-02-30', amount: eur('12.345') },
      [expense({ id: 'x', date: '2026-03-11' }), { ...expense({ id: 'y' }), amount: { value: '5.00', currency: 'USD' } }, 'nope'],
      tenantPolicy,
      'yesterday',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((found) => [found.field, found.code])).toEqual([
      ['/note/date', 'invalid_date'],
      ['/note/amount/value', 'invalid_amount'],
      ['/sameDay/1/amount/currency', 'currency_mismatch'],
      ['/sameDay/2', 'invalid_shape'],
      ['/now', 'invalid_date'],
    ]);
  });

  it('an expense of another day among the day is refused once the note is known', () => {
    const result = evaluate(expense(), [expense({ id: 'x', date: '2026-03-11' })], tenantPolicy, NOW);
    expect(result).toMatchObject({ ok: false, problems: [{ field: '/sameDay/0/date', code: 'not_same_day' }] });
  });

  it('a missing field and an unknown one', () => {
    const { hasReceipt: _, ...withoutReceipt } = expense();
    const result = evaluate({ ...withoutReceipt, colour: 'red' }, [], tenantPolicy, NOW);
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { field: '/note/hasReceipt', code: 'invalid_shape', message: 'is required' },
        { field: '/note/colour', code: 'invalid_shape', message: 'is not a known field' },
      ],
    });
  });
});
