import type { NoteAction, NoteStatus } from '@ndf/contracts';
import type { GuardName } from './guards.js';

/** The services that move notes (their catalog names). */
export const WORKFLOW_SERVICES = { approval: 'approval-workflow', batcher: 'reimbursement-batcher' } as const;

/**
 * Who may ask for a transition: the note's owner, a user holding a role (never on their own
 * note: nobody approves or pays their own expenses), or a named service.
 */
export type Permitted = 'owner' | 'approver' | 'accountant' | 'admin' | { readonly service: string };

/** What a transition does to the note's approval state besides its status. */
export type ApprovalStep =
  /** Routed for approval: level 1 of `approvalLevels` (a field the router sets, 1 when it does not). */
  | 'start'
  /** An approver approved a level that is not the last: the next level decides. */
  | 'next'
  /** A new round (submitted again, withdrawn): no approval state until routed again. */
  | 'clear';

export interface Transition {
  readonly action: NoteAction;
  readonly from: readonly NoteStatus[];
  readonly to: NoteStatus;
  readonly who: readonly Permitted[];
  /** A condition on the note besides its status (see guards.ts). */
  readonly guard?: GuardName;
  readonly approval?: ApprovalStep;
  /** The caller must name the version it read: an approver decides on the note as they saw it. */
  readonly needsVersion?: true;
  /** What the request must carry: words for the history, or note fields the transition sets. */
  readonly needs?: readonly ('comment' | 'reason')[];
  readonly needsFields?: readonly string[];
  /** Whether the note enters the batcher's index of notes to pay (its PAYABLE item) or leaves it, in the same transaction. */
  readonly payable?: 'enter' | 'leave';
}

const approver: Permitted[] = ['approver'];

/** Every transition of a note; an action with several rows leads to the status the caller names, where its guard allows. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: ['received', 'needs_changes'], to: 'submitted', who: ['owner'], approval: 'clear' },
  {
    action: 'withdraw',
    from: ['submitted', 'awaiting_approval'],
    to: 'received',
    who: ['owner'],
    guard: 'no_approver_decision',
    approval: 'clear',
  },
  { action: 'route', from: ['submitted'], to: 'awaiting_approval', who: [{ service: WORKFLOW_SERVICES.approval }], approval: 'start' },
  { action: 'route', from: ['submitted'], to: 'needs_changes', who: [{ service: WORKFLOW_SERVICES.approval }] },
  {
    action: 'approve',
    from: ['awaiting_approval'],
    to: 'awaiting_approval',
    who: approver,
    guard: 'more_levels',
    approval: 'next',
    needsVersion: true,
  },
  {
    action: 'approve',
    from: ['awaiting_approval'],
    to: 'approved',
    who: approver,
    guard: 'last_level',
    needsVersion: true,
    payable: 'enter',
  },
  { action: 'reject', from: ['awaiting_approval'], to: 'rejected', who: approver, needsVersion: true },
  { action: 'ask_changes', from: ['awaiting_approval'], to: 'needs_changes', who: approver, needsVersion: true, needs: ['comment'] },
  {
    action: 'batch',
    from: ['approved'],
    to: 'batched',
    who: [{ service: WORKFLOW_SERVICES.batcher }],
    needsFields: ['batchId'],
    payable: 'leave',
  },
  { action: 'pay', from: ['batched'], to: 'paid', who: ['accountant', 'admin', { service: WORKFLOW_SERVICES.batcher }] },
];

/** Once in a reimbursement batch, a note is the accountants': only paying it moves it. */
export const LOCKED_STATUSES: readonly NoteStatus[] = ['batched', 'paid'];

export function transitionsOf(action: NoteAction): readonly Transition[] {
  return TRANSITIONS.filter((transition) => transition.action === action);
}
