import { toMinorUnits, type Money } from '@ndf/contracts';
import type { ApproverSettings } from './approvers.js';

/** What choosing a note's approvers looks at. */
export interface ApprovalSubject {
  readonly owner: string;
  readonly category?: string;
  /** In the settings' currency (the policy-checker's allowed amount, say). */
  readonly amount: Money;
  /** The day the approvers are asked (YYYY-MM-DD): an approver away that day is stood in for by their delegate. */
  readonly on: string;
}

export interface ApprovalStep {
  readonly level: string;
  /** Who may decide at this level: the matching rules' approvers and the delegates of those away, never the owner. Empty: nobody is left (the approval service turns to the tenant's admins). */
  readonly approvers: readonly string[];
}

/** The delegate of an approver away on the day, if a delegation covers it (dates included; a delegate's own delegation is not followed). */
export function delegateOn(settings: ApproverSettings, approver: string, on: string): string | undefined {
  return settings.delegations.find((delegation) => delegation.from === approver && delegation.start <= on && on <= delegation.end)?.to;
}

/**
 * The levels a note goes through, in order: those with at least one rule it matches (every
 * condition a rule gives holds: the owner's team, the category, an amount strictly above), each
 * with its approvers. The owner never approves their own note, not even as a delegate.
 */
export function approvalChain(settings: ApproverSettings, subject: ApprovalSubject): ApprovalStep[] {
  if (subject.amount.currency !== settings.currency)
    throw new RangeError(`The approvers' amounts are in ${settings.currency}, not ${subject.amount.currency}: convert the amount first.`);
  const amount = toMinorUnits(subject.amount);
  const team = settings.teams.find((candidate) => candidate.members.includes(subject.owner))?.name;
  const steps: ApprovalStep[] = [];
  for (const level of settings.levels) {
    const matching = level.rules.filter(
      (rule) =>
        (rule.teams === undefined || (team !== undefined && rule.teams.includes(team))) &&
        (rule.categories === undefined || (subject.category !== undefined && rule.categories.includes(subject.category))) &&
        (rule.above === undefined || amount > toMinorUnits({ value: rule.above, currency: settings.currency })),
    );
    if (matching.length === 0) continue;
    const approvers = new Set<string>();
    for (const approver of matching.flatMap((rule) => rule.approvers)) {
      approvers.add(approver);
      const delegate = delegateOn(settings, approver, subject.on);
      if (delegate !== undefined) approvers.add(delegate);
    }
    approvers.delete(subject.owner);
    steps.push({ level: level.name, approvers: [...approvers] });
  }
  return steps;
}
