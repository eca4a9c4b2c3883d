import { evaluate, parseRuleSet, type CheckedRuleSet, type PolicyExpense, type PolicyOutcome, type PolicyRule } from '../src/index.js';

/** A rule set that must be valid; the test fails with its problems otherwise. */
export function rules(...list: PolicyRule[]): CheckedRuleSet {
  const result = parseRuleSet({ currency: 'EUR', rules: list });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.ruleSet;
}

/** A weekday expense with a receipt, 2026-03-12 (a Thursday), created at 12:00. */
export function expense(fields: Partial<PolicyExpense> & { amount?: PolicyExpense['amount'] } = {}): PolicyExpense {
  return {
    id: 'n1',
    date: '2026-03-12',
    createdAt: '2026-03-12T12:00:00Z',
    amount: eur('10.00'),
    category: 'restaurant',
    hasReceipt: true,
    ...fields,
  };
}

export const eur = (value: string) => ({ value, currency: 'EUR' });

export const NOW = '2026-03-13T09:00:00Z';

/** The outcome of an evaluation that must not be refused. */
export function outcome(note: PolicyExpense, ruleSet: CheckedRuleSet, sameDay: PolicyExpense[] = [], now = NOW): PolicyOutcome {
  const result = evaluate(note, sameDay, ruleSet, now);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
}
