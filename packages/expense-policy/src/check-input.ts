import { moneyProblem, toMinorUnits } from '@ndf/contracts';
import { dayNumber, dayNumberOfInstant } from './dates.js';
import { EXPENSE_SCHEMA, type PolicyExpense } from './expense.js';
import { problem, type PolicyProblem } from './problems.js';
import { schemaChecker } from './schema-check.js';

const checkShape = schemaChecker(EXPENSE_SCHEMA);

/** An expense once checked: its amount in minor units and its day number. */
export interface CheckedExpense {
  readonly source: PolicyExpense;
  readonly minor: bigint;
  readonly day: number;
}

function checkExpense(value: unknown, at: string, currency: string, problems: PolicyProblem[]): CheckedExpense | undefined {
  const shape = checkShape(value);
  if (shape.length > 0) {
    problems.push(...shape.map((found) => ({ ...found, field: at + (found.field === '/' ? '' : found.field) })));
    return undefined;
  }
  const expense = value as PolicyExpense;
  const before = problems.length;
  const day = dayNumber(expense.date);
  if (day === undefined) problems.push(problem(`${at}/date`, 'invalid_date', `${JSON.stringify(expense.date)} is not a calendar date`));
  if (dayNumberOfInstant(expense.createdAt) === undefined)
    problems.push(problem(`${at}/createdAt`, 'invalid_date', `${JSON.stringify(expense.createdAt)} is not an ISO instant`));
  if (expense.amount.currency !== currency)
    problems.push(problem(`${at}/amount/currency`, 'currency_mismatch', `the policy is in ${currency}: convert the amount first`));
  else {
    const why = moneyProblem(expense.amount);
    if (why)
      problems.push(problem(`${at}/amount/value`, 'invalid_amount', `${JSON.stringify(expense.amount.value)} is not an amount (${why})`));
  }
  if (problems.length > before || day === undefined) return undefined;
  return { source: expense, minor: toMinorUnits(expense.amount), day };
}

export interface CheckedInput {
  readonly note: CheckedExpense;
  /** The day's expenses, the note included once (its given version), earliest created first. */
  readonly day: readonly CheckedExpense[];
  readonly today: number;
}

const byCreation = (a: CheckedExpense, b: CheckedExpense) =>
  Date.parse(a.source.createdAt) - Date.parse(b.source.createdAt) || (a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0);

/** Every field of evaluate's input checked, each problem naming /note/…, /sameDay/i/… or /now. */
export function checkInput(
  note: unknown,
  sameDay: unknown,
  now: unknown,
  currency: string,
): { input: CheckedInput } | { problems: readonly PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const checkedNote = checkExpense(note, '/note', currency, problems);
  const others: CheckedExpense[] = [];
  if (!Array.isArray(sameDay)) problems.push(problem('/sameDay', 'invalid_shape', 'is a list of expenses, empty when none'));
  else
    sameDay.forEach((value: unknown, index) => {
      const other = checkExpense(value, `/sameDay/${index}`, currency, problems);
      if (!other) return;
      if (checkedNote && other.day !== checkedNote.day)
        problems.push(problem(`/sameDay/${index}/date`, 'not_same_day', `is not the note's date ${checkedNote.source.date}`));
      else others.push(other);
    });
  const today = typeof now === 'string' ? dayNumberOfInstant(now) : undefined;
  if (today === undefined) problems.push(problem('/now', 'invalid_date', 'is an ISO instant, e.g. 2026-03-12T09:30:00Z'));
  if (problems.length > 0 || !checkedNote || today === undefined) return { problems };
  const day = [checkedNote, ...others.filter((other) => other.source.id !== checkedNote.source.id)].sort(byCreation);
  return { input: { note: checkedNote, day, today } };
}
