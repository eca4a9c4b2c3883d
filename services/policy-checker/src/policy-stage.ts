import type { NoteItem, PolicyCheckOutcome, ReceiptItem, StageItem } from '@ndf/contracts';
import { evaluate, type CheckedRuleSet } from '@ndf/expense-policy';
import type { StageOutcome } from '@ndf/receipt-pipeline';
import { amountToCheck } from './checked-amount.js';
import { policyExpense } from './policy-expense.js';

/** A note of the owner on the same date, with the stages about it (a foreign one's converted amount). */
export interface DayNote {
  readonly note: NoteItem;
  readonly stages: readonly StageItem[];
}

export interface PolicyCheckInput {
  readonly note: NoteItem;
  readonly receipts: readonly ReceiptItem[];
  readonly stages: readonly StageItem[];
  /** The owner's notes of the note's date (the note itself among them or not): the daily caps count them. */
  readonly sameDay: readonly DayNote[];
  readonly policy: { readonly version: number; readonly ruleSet: CheckedRuleSet };
}

/** Notes that no longer claim anything do not use up a day's cap. */
const COUNTS_FOR_THE_DAY = new Set<string>(['received', 'submitted', 'awaiting_approval', 'needs_changes', 'approved', 'batched', 'paid']);

/**
 * The policy-checker's stage for one version of a note: its violations, whether one blocks it,
 * and its amount split into what the caps allow and the refused rest. Pure: the same items give
 * the same stage, so a repeat or a late message changes nothing. The evaluation's instant is the
 * note's last change (its submission, once submitted): a note's age is counted to then, not to
 * whenever a message happens to be handled.
 */
export function policyStage(input: PolicyCheckInput): StageOutcome {
  const { note, policy } = input;
  const currency = policy.ruleSet.currency;
  const amount = amountToCheck(note, input.stages, currency);
  if (amount.kind === 'pending') return { status: 'pending', code: 'awaiting_conversion', reason: amount.reason };
  if (amount.kind === 'refused') return { status: 'refused', code: 'amount_not_converted', reason: amount.reason };
  // A foreign note of the day not converted yet is left out: its own check waits for its conversion and counts this one.
  const others = input.sameDay.flatMap(({ note: other, stages }) => {
    if (other.noteId === note.noteId || other.date !== note.date || !COUNTS_FOR_THE_DAY.has(other.status)) return [];
    const its = amountToCheck(other, stages, currency);
    return its.kind === 'ready' ? [policyExpense(other, its.amount)] : [];
  });
  const result = evaluate(policyExpense(note, amount.amount, input.receipts), others, policy.ruleSet, note.updatedAt);
  if (!result.ok)
    return {
      status: 'refused',
      code: 'note_not_checkable',
      reason: `The note cannot be checked against the policy: ${result.problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}.`,
    };
  const outcome: PolicyCheckOutcome = {
    blocking: result.blocked,
    violations: result.violations,
    amounts: { claimed: result.amounts.claimed, allowed: result.amounts.accepted, refused: result.amounts.refused },
    amountFrom: amount.from,
    policyVersion: policy.version,
  };
  const blocks = result.violations.filter((violation) => violation.severity === 'block' && violation.split === undefined);
  const { claimed, allowed, refused } = outcome.amounts;
  const summary = outcome.blocking
    ? { code: 'policy_blocked', reason: blocks.map((violation) => violation.message.en).join(' ') }
    : /[1-9]/.test(refused.value)
      ? {
          code: 'amount_capped',
          reason: `${allowed.value} of ${claimed.value} ${claimed.currency} allowed, ${refused.value} refused by the caps.`,
        }
      : {};
  return { status: 'succeeded', ...summary, outcome: { ...outcome } };
}
