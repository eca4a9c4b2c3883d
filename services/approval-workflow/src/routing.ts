import type { ApprovalRoutingOutcome, Money, NoteItem, PolicyCheckOutcome, RoutedLevel, StageItem } from '@ndf/contracts';
import { approvalChain, type ApproverSettings } from '@ndf/tenant-settings';
import { checksAwaited } from './awaited-checks.js';

const POLICY_CHECKER = 'policy-checker';

/**
 * Refusals that say the tenant's configuration or the reference data is wrong, not the note:
 * sending the note back would ask the employee for a change they cannot make. The note waits,
 * submitted, and is routed once the check is recomputed.
 */
const NOT_THE_EMPLOYEES = new Set(['policy_invalid', 'mileage_no_scale', 'rate_missing', 'rate_too_old', 'currency_not_published']);

export type Routing =
  | { readonly kind: 'wait'; readonly missing: readonly string[] }
  | { readonly kind: 'send_back'; readonly reasons: readonly { readonly check: string; readonly code: string; readonly reason: string }[] }
  | { readonly kind: 'route'; readonly amount: Money; readonly on: string; readonly levels: readonly RoutedLevel[] }
  | { readonly kind: 'refuse'; readonly code: 'no_approver' | 'currency_mismatch' | 'checks_unusable'; readonly reason: string };

export interface RoutingInput {
  readonly note: NoteItem;
  /** The note's stages (every service's). */
  readonly stages: readonly StageItem[];
  readonly approvers: ApproverSettings;
  /** The day the approvers are asked (YYYY-MM-DD): delegations are those of that day. */
  readonly today: string;
  /** The services the catalog deploys. */
  readonly deployed: ReadonlySet<string>;
}

/** The level's approvers, or the tenant's admins when none is left (never the owner). */
function levelOrAdmins(name: string, approvers: readonly string[], settings: ApproverSettings, owner: string): RoutedLevel {
  if (approvers.length > 0) return { name, approvers, from: 'level' };
  return { name, approvers: (settings.admins ?? []).filter((admin) => admin !== owner), from: 'admins' };
}

/**
 * Where a submitted note goes once every check of its version is in: back to its owner on a
 * blocking violation or a refused check, else to the levels of its approval chain, computed on
 * the policy's allowed amount. Pure: the same items give the same routing.
 */
export function routeNote(input: RoutingInput): Routing {
  const { note, approvers } = input;
  const current = (service: string) => input.stages.find((stage) => stage.service === service && stage.noteVersion === note.version);
  const awaited = checksAwaited(note, approvers.currency, input.deployed);
  const missing = awaited.filter((service) => !['succeeded', 'refused'].includes(current(service)?.status ?? 'absent'));
  if (missing.length > 0) return { kind: 'wait', missing };

  const refused = awaited.map(current).filter((stage): stage is StageItem => stage?.status === 'refused');
  const describe = (stage: StageItem) => ({ check: stage.service, code: stage.code ?? 'refused', reason: stage.reason ?? 'refused' });
  const unusable = refused.filter((stage) => NOT_THE_EMPLOYEES.has(stage.code ?? ''));
  if (unusable.length > 0)
    return {
      kind: 'refuse',
      code: 'checks_unusable',
      reason: `The note waits for its checks to be computed again: ${unusable.map((stage) => `${stage.service}: ${stage.reason ?? stage.code}`).join(' ')}`,
    };
  if (refused.length > 0) return { kind: 'send_back', reasons: refused.map(describe) };

  const policy = current(POLICY_CHECKER)!.outcome as unknown as PolicyCheckOutcome;
  if (policy.blocking)
    return {
      kind: 'send_back',
      reasons: policy.violations
        .filter((violation) => violation.severity === 'block' && violation.split === undefined)
        .map((violation) => ({ check: POLICY_CHECKER, code: violation.code, reason: violation.message.en })),
    };

  const amount = policy.amounts.allowed;
  if (amount.currency !== approvers.currency)
    return {
      kind: 'refuse',
      code: 'currency_mismatch',
      reason: `The approvers' amounts are in ${approvers.currency}, the policy's allowed amount in ${amount.currency}: the tenant's settings must use one currency.`,
    };
  const chain = approvalChain(approvers, {
    owner: note.owner,
    ...(note.category ? { category: note.category } : {}),
    amount,
    on: input.today,
  });
  const levels =
    chain.length === 0
      ? [levelOrAdmins('admins', [], approvers, note.owner)]
      : chain.map((step) => levelOrAdmins(step.level, step.approvers, approvers, note.owner));
  const empty = levels.find((level) => level.approvers.length === 0);
  if (empty)
    return {
      kind: 'refuse',
      code: 'no_approver',
      reason: `Nobody may approve this note at the level ${empty.name}: no approver but its owner is left, and the tenant's approver settings name no other admin. An admin must add one.`,
    };
  return { kind: 'route', amount, on: input.today, levels };
}

/** The routing as the approval workflow's stage records it (status, code, reason, outcome). */
export function routingStage(routing: Routing): {
  status: 'pending' | 'succeeded' | 'refused';
  code?: string;
  reason?: string;
  outcome?: ApprovalRoutingOutcome;
} {
  switch (routing.kind) {
    case 'wait':
      return {
        status: 'pending',
        code: 'awaiting_checks',
        reason: `Routed for approval once these checks are in: ${routing.missing.join(', ')}.`,
        outcome: { decision: 'waiting', missing: routing.missing },
      };
    case 'send_back':
      return {
        status: 'succeeded',
        code: 'sent_back',
        reason: sendBackReason(routing.reasons),
        outcome: { decision: 'sent_back', reasons: routing.reasons },
      };
    case 'route':
      return {
        status: 'succeeded',
        outcome: { decision: 'awaiting_approval', amount: routing.amount, on: routing.on, levels: routing.levels },
      };
    case 'refuse':
      return { status: 'refused', code: routing.code, reason: routing.reason };
  }
}

/** What the owner reads on the history of a note sent back. */
export function sendBackReason(reasons: readonly { readonly reason: string }[]): string {
  return reasons.map((entry) => entry.reason).join(' ');
}
