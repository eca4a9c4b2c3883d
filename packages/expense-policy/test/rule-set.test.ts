import { describe, expect, it } from 'vitest';
import { parseRuleSet } from '../src/index.js';

const fieldsOf = (value: unknown) => {
  const result = parseRuleSet(value);
  if (result.ok) throw new Error('accepted');
  return result.problems.map((found) => [found.field, found.code]);
};

describe('a malformed rule set is refused, each problem naming its field', () => {
  it('accepts a complete rule set and keeps it as given (JSON round trip)', () => {
    const ruleSet = {
      currency: 'EUR',
      rules: [
        { kind: 'category_cap', category: 'restaurant', perExpense: '25.00', perDay: '40.00', severity: 'block' },
        { kind: 'per_diem', categories: ['hotel', 'restaurant'], byCountry: { FR: '120.00' }, severity: 'warning' },
        { kind: 'receipt_required', above: '10', severity: 'block' },
        { kind: 'max_age', days: 90, severity: 'block' },
        { kind: 'weekend', severity: 'warning' },
        { kind: 'alcohol', severity: 'block' },
        { kind: 'meal_attendees', categories: ['client_meal'], severity: 'block' },
        { kind: 'project_required', severity: 'warning' },
      ],
    };
    const result = parseRuleSet(ruleSet);
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.parse(JSON.stringify(result.ruleSet))).toEqual(ruleSet);
  });

  it('every wrong field at once, as JSON pointers', () => {
    expect(
      fieldsOf({
        currency: 'EUR',
        rules: [
          { kind: 'category_cap', category: 'restaurant', perExpense: '-5', severity: 'block' },
          { kind: 'max_age', days: 0, severity: 'sometimes' },
          { kind: 'per_diem', categories: [], byCountry: { france: '90.00' }, severity: 'block' },
          { kind: 'receipt_required', severity: 'block', colour: 'red' },
          { kind: 'teleport', severity: 'block' },
        ],
      }),
    ).toEqual([
      ['/rules/0/perExpense', 'invalid_shape'],
      ['/rules/1/severity', 'invalid_shape'],
      ['/rules/1/days', 'invalid_shape'],
      ['/rules/2/categories', 'invalid_shape'],
      ['/rules/2/byCountry/france', 'invalid_shape'],
      ['/rules/3/above', 'invalid_shape'],
      ['/rules/3/colour', 'invalid_shape'],
      ['/rules/4/kind', 'invalid_shape'],
    ]);
  });

  it('says what is expected', () => {
    const result = parseRuleSet({ currency: 'EUR', rules: [{ kind: 'receipt_required', above: '1e3', severity: 'block' }] });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ field: '/rules/0/above', message: 'is a positive amount as a decimal string, e.g. "25.00"' }],
    });
  });

  it('amounts with more decimals than the currency has, a cap without a limit, a rule given twice', () => {
    expect(
      fieldsOf({
        currency: 'JPY',
        rules: [
          { kind: 'category_cap', category: 'restaurant', perDay: '3000.50', severity: 'block' },
          { kind: 'category_cap', category: 'hotel', severity: 'block' },
          { kind: 'category_cap', category: 'restaurant', perExpense: '2000', severity: 'warning' },
          { kind: 'weekend', severity: 'warning' },
          { kind: 'weekend', severity: 'block' },
        ],
      }),
    ).toEqual([
      ['/rules/0/perDay', 'invalid_amount'],
      ['/rules/1/perExpense', 'invalid_shape'],
      ['/rules/2', 'duplicate_rule'],
      ['/rules/4', 'duplicate_rule'],
    ]);
  });

  it('a key with a slash or a tilde is escaped in the pointer (RFC 6901)', () => {
    expect(fieldsOf({ currency: 'EUR', rules: [], 'caps/day': 1, '~x': 2 })).toEqual([
      ['/caps~1day', 'invalid_shape'],
      ['/~0x', 'invalid_shape'],
    ]);
    expect(
      fieldsOf({ currency: 'EUR', rules: [{ kind: 'per_diem', categories: ['hotel'], byCountry: { 'F/R': '1' }, severity: 'block' }] }),
    ).toEqual([['/rules/0/byCountry/F~1R', 'invalid_shape']]);
  });

  it('an unknown currency, a missing list, not an object at all', () => {
    expect(fieldsOf({ currency: 'EUX', rules: [] })).toEqual([['/currency', 'invalid_amount']]);
    expect(fieldsOf({ currency: 'EUR' })).toEqual([['/rules', 'invalid_shape']]);
    expect(fieldsOf('rules')).toEqual([['/', 'invalid_shape']]);
  });
});
