import { toMinorUnits } from '@ndf/contracts';
import { alcoholWordIn } from './alcohol.js';
import type { CheckedExpense } from './check-input.js';
import { isWeekend } from './dates.js';
import { amountText } from './messages.js';
import type { PolicyRule } from './rule-set.js';
import type { Finding } from './violation.js';

const blank = (text: string | undefined) => text === undefined || text.trim() === '';
const inCategories = (categories: readonly string[] | undefined, expense: CheckedExpense) =>
  categories === undefined || (expense.source.category !== undefined && categories.includes(expense.source.category));

/** The finding of a rule that looks at the note alone (caps are in caps.ts), or undefined. */
export function checkRule(rule: PolicyRule, note: CheckedExpense, today: number): Finding | undefined {
  const { source } = note;
  switch (rule.kind) {
    case 'receipt_required': {
      const above = toMinorUnits({ value: rule.above, currency: source.amount.currency });
      if (source.hasReceipt || note.minor <= above) return undefined;
      const limit = amountText(above, source.amount.currency);
      return {
        code: 'receipt_missing',
        message: { fr: `Justificatif obligatoire au-delà de ${limit.fr}.`, en: `A receipt is required above ${limit.en}.` },
      };
    }
    case 'max_age': {
      const age = today - note.day;
      if (age <= rule.days) return undefined;
      return {
        code: 'too_old',
        message: {
          fr: `Dépense vieille de ${age} jours : au plus ${rule.days} jours avant sa soumission.`,
          en: `Expense ${age} days old: at most ${rule.days} days before it is submitted.`,
        },
      };
    }
    case 'weekend':
      if (!isWeekend(note.day)) return undefined;
      return { code: 'weekend', message: { fr: 'Dépense engagée un week-end.', en: 'Expense made on a weekend.' } };
    case 'alcohol': {
      const word = source.receiptText === undefined ? undefined : alcoholWordIn(source.receiptText, rule.words);
      if (!source.alcohol && word === undefined) return undefined;
      const fr = word === undefined ? 'déclaré' : `« ${word} » sur le justificatif`;
      const en = word === undefined ? 'declared' : `"${word}" on the receipt`;
      return { code: 'alcohol', message: { fr: `Alcool (${fr}) non remboursable.`, en: `Alcohol (${en}) is not reimbursed.` } };
    }
    case 'meal_attendees':
      if (!inCategories(rule.categories, note) || (source.attendees ?? []).some((name) => !blank(name))) return undefined;
      return { code: 'attendees_missing', message: { fr: 'Indiquez les participants du repas.', en: 'List the attendees of the meal.' } };
    case 'project_required':
      if (!inCategories(rule.categories, note) || !blank(source.project)) return undefined;
      return { code: 'project_missing', message: { fr: 'Indiquez le projet de la dépense.', en: 'Give the project of the expense.' } };
    default:
      return undefined;
  }
}
