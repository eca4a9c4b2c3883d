import type { Severity } from './severity.js';

/** A cap on one category: on each expense, on the day's total of the category, or both. */
export interface CategoryCapRule {
  readonly kind: 'category_cap';
  readonly severity: Severity;
  readonly category: string;
  readonly perExpense?: string;
  readonly perDay?: string;
}

/** A daily allowance by country for the listed categories together (lodging and meals). */
export interface PerDiemRule {
  readonly kind: 'per_diem';
  readonly severity: Severity;
  readonly categories: readonly string[];
  /** ISO 3166-1 alpha-2 code → the day's allowance. */
  readonly byCountry: Readonly<Record<string, string>>;
  /** For a country not listed, or an expense without a country; none when absent. */
  readonly otherCountries?: string;
}

export interface ReceiptRequiredRule {
  readonly kind: 'receipt_required';
  readonly severity: Severity;
  /** A receipt is mandatory for an amount strictly above this one. */
  readonly above: string;
}

export interface MaxAgeRule {
  readonly kind: 'max_age';
  readonly severity: Severity;
  /** Whole days between the expense's date and the evaluation's date (UTC). */
  readonly days: number;
}

export interface WeekendRule {
  readonly kind: 'weekend';
  readonly severity: Severity;
}

export interface AlcoholRule {
  readonly kind: 'alcohol';
  readonly severity: Severity;
  /** Words (or phrases) of the receipt's text that mean alcohol; the built-in list when absent. */
  readonly words?: readonly string[];
}

export interface MealAttendeesRule {
  readonly kind: 'meal_attendees';
  readonly severity: Severity;
  readonly categories: readonly string[];
}

export interface ProjectRequiredRule {
  readonly kind: 'project_required';
  readonly severity: Severity;
  /** Only these categories; every category when absent. */
  readonly categories?: readonly string[];
}

export type PolicyRule =
  CategoryCapRule | PerDiemRule | ReceiptRequiredRule | MaxAgeRule | WeekendRule | AlcoholRule | MealAttendeesRule | ProjectRequiredRule;

export type RuleKind = PolicyRule['kind'];

/** A tenant's policy as the settings API stores it: amounts are decimal strings in `currency`. */
export interface PolicyRuleSet {
  readonly currency: string;
  readonly rules: readonly PolicyRule[];
}
