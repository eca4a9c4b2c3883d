import { fromMinorUnits } from '@ndf/contracts';
import type { CapCut } from './caps.js';
import { amountText, type Message } from './messages.js';
import type { CheckedRuleSet } from './parse-rule-set.js';
import type { Violation } from './violation.js';

function capMessage(cut: CapCut, ruleSet: CheckedRuleSet, category: string | undefined): Message {
  const capped = amountText(cut.after, ruleSet.currency);
  const refused = amountText(cut.before - cut.after, ruleSet.currency);
  const rest = { fr: `${capped.fr} retenus, ${refused.fr} refusés.`, en: `${capped.en} accepted, ${refused.en} refused.` };
  switch (cut.kind) {
    case 'cap_per_expense':
      return {
        fr: `Plafond par dépense de la catégorie ${category} dépassé : ${rest.fr}`,
        en: `Over the per-expense cap of ${category}: ${rest.en}`,
      };
    case 'cap_per_day':
      return {
        fr: `Plafond journalier de la catégorie ${category} dépassé : ${rest.fr}`,
        en: `Over the daily cap of ${category}: ${rest.en}`,
      };
    case 'per_diem':
      return { fr: `Indemnité journalière (per diem) dépassée : ${rest.fr}`, en: `Over the per diem: ${rest.en}` };
  }
}

/** A cap's cut as a violation, with its split into the capped part and the refused rest. */
export function capViolation(cut: CapCut, ruleSet: CheckedRuleSet, category: string | undefined): Violation {
  const rule = ruleSet.rules[cut.ruleIndex]!;
  return {
    code: cut.kind,
    severity: rule.severity,
    message: capMessage(cut, ruleSet, category),
    rule: { kind: rule.kind, pointer: `/rules/${cut.ruleIndex}` },
    split: { capped: fromMinorUnits(cut.after, ruleSet.currency), refused: fromMinorUnits(cut.before - cut.after, ruleSet.currency) },
  };
}
