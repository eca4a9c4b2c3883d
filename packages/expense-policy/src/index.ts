export { alcoholWordIn, DEFAULT_ALCOHOL_WORDS } from './alcohol.js';
export { evaluate, type EvaluateResult, type PolicyOutcome } from './evaluate.js';
export type { PolicyExpense } from './expense.js';
export type { Message } from './messages.js';
export { parseRuleSet, type CheckedRuleSet, type RuleSetResult } from './parse-rule-set.js';
export type { PolicyProblem, PolicyProblemCode } from './problems.js';
export type {
  AlcoholRule,
  CategoryCapRule,
  MaxAgeRule,
  MealAttendeesRule,
  PerDiemRule,
  PolicyRule,
  PolicyRuleSet,
  ProjectRequiredRule,
  ReceiptRequiredRule,
  RuleKind,
  WeekendRule,
} from './rule-set.js';
export { SEVERITIES, type Severity } from './severity.js';
export type { Violation, ViolationCode } from './violation.js';
export { dayNumber } from './dates.js';
export { schemaChecker } from './schema-check.js';
