import { toMinorUnits } from '@ndf/contracts';
import type { CheckedExpense } from './check-input.js';
import type { CheckedRuleSet } from './parse-rule-set.js';
import type { CategoryCapRule, PerDiemRule } from './rule-set.js';

export type CapKind = 'cap_per_expense' | 'cap_per_day' | 'per_diem';

/** One cap that cut an expense: what it had left before, and what the cap lets through. */
export interface CapCut {
  readonly kind: CapKind;
  readonly ruleIndex: number;
  readonly before: bigint;
  readonly after: bigint;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);

interface Cap {
  readonly kind: CapKind;
  readonly ruleIndex: number;
  /** The ceiling for this expense and the key of the daily total it shares, or undefined when it does not apply. */
  readonly limitFor: (expense: CheckedExpense) => { limit: bigint; shared?: string } | undefined;
}

function capsOf(ruleSet: CheckedRuleSet): Cap[] {
  const amount = (value: string) => toMinorUnits({ value, currency: ruleSet.currency });
  const caps: Cap[] = [];
  const categoryCaps = ruleSet.rules.flatMap((rule, ruleIndex) => (rule.kind === 'category_cap' ? [{ rule, ruleIndex }] : []));
  const forCategory = (rule: CategoryCapRule, expense: CheckedExpense) => expense.source.category === rule.category;
  for (const { rule, ruleIndex } of categoryCaps)
    if (rule.perExpense !== undefined) {
      const limit = amount(rule.perExpense);
      caps.push({ kind: 'cap_per_expense', ruleIndex, limitFor: (expense) => (forCategory(rule, expense) ? { limit } : undefined) });
    }
  for (const { rule, ruleIndex } of categoryCaps)
    if (rule.perDay !== undefined) {
      const limit = amount(rule.perDay);
      caps.push({
        kind: 'cap_per_day',
        ruleIndex,
        limitFor: (expense) => (forCategory(rule, expense) ? { limit, shared: '' } : undefined),
      });
    }
  ruleSet.rules.forEach((rule, ruleIndex) => {
    if (rule.kind !== 'per_diem') return;
    caps.push({ kind: 'per_diem', ruleIndex, limitFor: (expense) => perDiemLimit(rule, expense, amount) });
  });
  return caps;
}

function perDiemLimit(rule: PerDiemRule, expense: CheckedExpense, amount: (value: string) => bigint) {
  if (expense.source.category === undefined || !rule.categories.includes(expense.source.category)) return undefined;
  const country = expense.source.country;
  const listed = country === undefined ? undefined : rule.byCountry[country];
  const allowance = listed ?? rule.otherCountries;
  if (allowance === undefined) return undefined;
  return { limit: amount(allowance), shared: listed === undefined ? 'other' : country };
}

/**
 * The caps that cut the note, in order: each expense's own cap first, then the category's day,
 * then the per diem. A daily total is used up by the day's expenses in order of creation, each
 * counting what the earlier blocking caps let through (a warning cap refuses nothing, so what
 * it flags still counts), so the parts accepted never exceed a blocking day's cap and the same
 * day evaluated from any of its notes gives each note the same split.
 */
export function capCuts(ruleSet: CheckedRuleSet, day: readonly CheckedExpense[], note: CheckedExpense): CapCut[] {
  const caps = capsOf(ruleSet);
  const used = new Map<string, bigint>();
  for (const expense of day) {
    let left = expense.minor;
    const cuts: CapCut[] = [];
    caps.forEach((cap, capIndex) => {
      const applies = cap.limitFor(expense);
      if (!applies) return;
      const key = applies.shared === undefined ? undefined : `${capIndex} ${applies.shared}`;
      const room = key === undefined ? applies.limit : max(0n, applies.limit - (used.get(key) ?? 0n));
      const after = min(left, room);
      if (after < left) cuts.push({ kind: cap.kind, ruleIndex: cap.ruleIndex, before: left, after });
      if (ruleSet.rules[cap.ruleIndex]!.severity === 'block') left = after;
      if (key !== undefined) used.set(key, (used.get(key) ?? 0n) + left);
    });
    if (expense === note) return cuts;
  }
  return [];
}
