import { moneyProblem } from '@ndf/contracts';
import { problem, type PolicyProblem } from './problems.js';
import { RULE_SET_SCHEMA } from './rule-set-schema.js';
import type { PolicyRule, PolicyRuleSet } from './rule-set.js';
import { schemaChecker } from './schema-check.js';

const checkShape = schemaChecker(RULE_SET_SCHEMA);

const CHECKED: unique symbol = Symbol('checked rule set');

/** A rule set that passed every check; only `parseRuleSet` makes one (the mark is not serialised). */
export interface CheckedRuleSet extends PolicyRuleSet {
  readonly [CHECKED]: true;
}

export type RuleSetResult =
  { readonly ok: true; readonly ruleSet: CheckedRuleSet } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/** The amounts of a rule, each with its pointer relative to the rule. */
function amountsOf(rule: PolicyRule): [string, string][] {
  switch (rule.kind) {
    case 'category_cap':
      return [
        ['/perExpense', rule.perExpense],
        ['/perDay', rule.perDay],
      ].filter((entry): entry is [string, string] => entry[1] !== undefined);
    case 'per_diem':
      return [
        ...Object.entries(rule.byCountry).map(([country, value]): [string, string] => [`/byCountry/${country}`, value]),
        ...(rule.otherCountries === undefined ? [] : [['/otherCountries', rule.otherCountries] as [string, string]]),
      ];
    case 'receipt_required':
      return [['/above', rule.above]];
    default:
      return [];
  }
}

/** Two rules that would contradict each other: the same kind twice, or two caps of one category. */
const identity = (rule: PolicyRule) => (rule.kind === 'category_cap' ? `category_cap ${rule.category}` : rule.kind);

/** Checks a tenant's rule set (as received from the settings API or read back from storage). */
export function parseRuleSet(value: unknown): RuleSetResult {
  const shapeProblems = checkShape(value);
  if (shapeProblems.length > 0) return { ok: false, problems: shapeProblems };
  const ruleSet = value as PolicyRuleSet;
  const problems: PolicyProblem[] = [];
  const firstAt = new Map<string, number>();
  ruleSet.rules.forEach((rule, index) => {
    for (const [pointer, amount] of amountsOf(rule)) {
      const why = moneyProblem({ value: amount, currency: ruleSet.currency });
      if (why === 'unknown_currency') continue;
      if (why)
        problems.push(
          problem(
            `/rules/${index}${pointer}`,
            'invalid_amount',
            `${JSON.stringify(amount)} is not an amount in ${ruleSet.currency} (${why})`,
          ),
        );
    }
    if (rule.kind === 'category_cap' && rule.perExpense === undefined && rule.perDay === undefined)
      problems.push(problem(`/rules/${index}/perExpense`, 'invalid_shape', 'a cap needs perExpense, perDay or both'));
    const key = identity(rule);
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else problems.push(problem(`/rules/${index}`, 'duplicate_rule', `repeats the rule at /rules/${first} (${key})`));
  });
  if (moneyProblem({ value: '1', currency: ruleSet.currency }) === 'unknown_currency')
    problems.unshift(problem('/currency', 'invalid_amount', `${JSON.stringify(ruleSet.currency)} is not an ISO 4217 currency`));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, ruleSet: { ...ruleSet, [CHECKED]: true } };
}
