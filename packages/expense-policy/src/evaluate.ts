import { fromMinorUnits, type Money } from '@ndf/contracts';
import { capViolation } from './cap-violations.js';
import { capCuts } from './caps.js';
import { checkInput } from './check-input.js';
import type { CheckedRuleSet } from './parse-rule-set.js';
import type { PolicyProblem } from './problems.js';
import { checkRule } from './simple-rules.js';
import type { Violation } from './violation.js';

export interface PolicyOutcome {
  readonly violations: readonly Violation[];
  /** Whether a blocking rule is broken, a cap aside: the note cannot go on as it is. */
  readonly blocked: boolean;
  /** The claimed amount, what the blocking caps let through, and the rest they refuse. */
  readonly amounts: { readonly claimed: Money; readonly accepted: Money; readonly refused: Money };
}

export type EvaluateResult = ({ readonly ok: true } & PolicyOutcome) | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/**
 * Every violation of the note against the tenant's rules. `sameDay` is the employee's other
 * expenses of the note's date (the note's stored version among them is replaced by `note`);
 * `now` is the instant of the submission or change. A pure function: the same input gives the
 * same result, so it runs again on every change.
 */
export function evaluate(note: unknown, sameDay: unknown, ruleSet: CheckedRuleSet, now: unknown): EvaluateResult {
  const checked = checkInput(note, sameDay, now, ruleSet.currency);
  if ('problems' in checked) return { ok: false, problems: checked.problems };
  const { input } = checked;
  const cuts = capCuts(ruleSet, input.day, input.note);
  const violations: Violation[] = cuts.map((cut) => capViolation(cut, ruleSet, input.note.source.category));
  ruleSet.rules.forEach((rule, index) => {
    const finding = checkRule(rule, input.note, input.today);
    if (finding) violations.push({ ...finding, severity: rule.severity, rule: { kind: rule.kind, pointer: `/rules/${index}` } });
  });
  const refused = cuts
    .filter((cut) => ruleSet.rules[cut.ruleIndex]!.severity === 'block')
    .reduce((sum, cut) => sum + cut.before - cut.after, 0n);
  const currency = ruleSet.currency;
  return {
    ok: true,
    violations,
    blocked: violations.some((violation) => violation.severity === 'block' && violation.split === undefined),
    amounts: {
      claimed: fromMinorUnits(input.note.minor, currency),
      accepted: fromMinorUnits(input.note.minor - refused, currency),
      refused: fromMinorUnits(refused, currency),
    },
  };
}
