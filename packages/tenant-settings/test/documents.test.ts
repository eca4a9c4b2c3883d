import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORY_SETTINGS, defaultSettings, parseSettings, tenantCategory } from '../src/index.js';

const approvers = {
  currency: 'EUR',
  teams: [
    { name: 'sales', members: ['alice', 'bob'] },
    { name: 'tech', members: ['chloe'] },
  ],
  levels: [
    {
      name: 'manager',
      rules: [
        { teams: ['sales'], approvers: ['maud'] },
        { teams: ['tech'], approvers: ['theo'] },
      ],
    },
    {
      name: 'finance',
      rules: [
        { above: '500.00', approvers: ['fanny'] },
        { categories: ['client_meal'], approvers: ['fanny'] },
      ],
    },
  ],
  delegations: [{ from: 'maud', to: 'theo', start: '2026-08-01', end: '2026-08-21' }],
  reminderAfterDays: 3,
  escalateAfterDays: 7,
};

describe('settings documents', () => {
  it('accepts approvers per team, amount and category on several levels, with a delegation over a period', () => {
    expect(parseSettings('APPROVERS', approvers)).toEqual({ ok: true, value: approvers });
  });

  it("takes the tenant's admins, who decide where no approver is left, each a user id given once", () => {
    expect(parseSettings('APPROVERS', { ...approvers, admins: ['zoe', 'yann'] })).toMatchObject({
      ok: true,
      value: { admins: ['zoe', 'yann'] },
    });
    const parsed = parseSettings('APPROVERS', { ...approvers, admins: ['zoe', 'zoe', 'not a user'] });
    expect(!parsed.ok && parsed.problems.map(({ field }) => field).sort()).toEqual(['/admins', '/admins/2']);
  });

  it("names each field of the approvers' document that is wrong, all at once", () => {
    const parsed = parseSettings('APPROVERS', {
      ...approvers,
      teams: [...approvers.teams, { name: 'sales', members: ['chloe'] }],
      levels: [{ name: 'manager', rules: [{ teams: ['ops'], above: '10.001', approvers: ['maud'] }] }],
      delegations: [{ from: 'maud', to: 'maud', start: '2026-08-21', end: '2026-02-30' }],
      escalateAfterDays: 2,
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map(({ field, code }) => `${field} ${code}`)).toEqual([
      '/teams/2/name duplicate_name',
      '/teams/2/members/0 duplicate_member',
      '/levels/0/rules/0/teams/0 unknown_team',
      '/levels/0/rules/0/above invalid_amount',
      '/delegations/0/end invalid_period',
      '/delegations/0/to invalid_delegation',
      '/escalateAfterDays escalation_before_reminder',
    ]);
  });

  it('names the field the schema refuses: a missing one, an unknown one, a wrong type', () => {
    const { reminderAfterDays: _dropped, ...withoutReminder } = approvers;
    const parsed = parseSettings('APPROVERS', { ...withoutReminder, levels: [{ name: 'x', rules: [{ approvers: [] }], extra: 1 }] });
    expect(!parsed.ok && parsed.problems.map(({ field }) => field).sort()).toEqual([
      '/levels/0/extra',
      '/levels/0/rules/0/approvers',
      '/reminderAfterDays',
    ]);
  });

  it("maps the tenant's category names to a vat-rules category and an account, each name once", () => {
    const categories = {
      categories: [
        { name: 'Repas client', vatCategory: 'client_meal', account: '6257' },
        { name: 'Péage', vatCategory: 'tolls' },
      ],
    };
    const parsed = parseSettings('CATEGORIES', categories);
    expect(parsed.ok && tenantCategory(parsed.value, 'Péage')).toEqual({ name: 'Péage', vatCategory: 'tolls' });
    const refused = parseSettings('CATEGORIES', {
      categories: [
        ...categories.categories,
        { name: 'Repas client', vatCategory: 'lunch', account: '62-57' },
        { name: 'Péage', vatCategory: 'tolls' },
      ],
    });
    expect(!refused.ok && refused.problems.map(({ field }) => field).sort()).toEqual([
      '/categories/2/account',
      '/categories/2/vatCategory',
    ]);
    const repeated = parseSettings('CATEGORIES', { categories: [...categories.categories, { name: 'Péage', vatCategory: 'tolls' }] });
    expect(!repeated.ok && repeated.problems).toEqual([
      { field: '/categories/2/name', code: 'duplicate_name', message: 'repeats the category "Péage" of /categories/1/name' },
    ]);
  });

  it("checks the policy with expense-policy's own schema, naming the rule's field", () => {
    const parsed = parseSettings('POLICY', {
      currency: 'EUR',
      rules: [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perDay: '25.001' }],
    });
    expect(!parsed.ok && parsed.problems.map(({ field, code }) => `${field} ${code}`)).toEqual(['/rules/0/perDay invalid_amount']);
  });

  it('gives defaults: no policy rule, no approver, and the vat-rules categories each mapped to itself with its account', () => {
    expect(defaultSettings('POLICY')).toMatchObject({ currency: 'EUR', rules: [] });
    expect(defaultSettings('APPROVERS')).toMatchObject({ teams: [], levels: [], reminderAfterDays: 3, escalateAfterDays: 7 });
    expect(DEFAULT_CATEGORY_SETTINGS.categories).toHaveLength(12);
    expect(tenantCategory(DEFAULT_CATEGORY_SETTINGS, 'client_meal')).toEqual({
      name: 'client_meal',
      vatCategory: 'client_meal',
      account: '6257',
    });
    expect(tenantCategory(DEFAULT_CATEGORY_SETTINGS, 'fuel')).toEqual({ name: 'fuel', vatCategory: 'fuel' });
    expect(parseSettings('CATEGORIES', DEFAULT_CATEGORY_SETTINGS).ok).toBe(true);
  });

  it('refuses a document it does not know', () => {
    expect(parseSettings('HOLIDAYS' as 'POLICY', {})).toMatchObject({ ok: false, problems: [{ field: '/', code: 'unknown_document' }] });
  });
});
