import type { NoteAction, NoteItem, NoteStatus } from '@ndf/contracts';
import { actingAs, actsAsOwner, actsInRole, type WorkflowActor } from './actor.js';
import { GUARDS, type GuardedNote } from './guards.js';
import { LOCKED_STATUSES, transitionsOf, type Permitted, type Transition } from './transitions.js';

/** What mayTransition looks at on a note. */
export type NoteInHand = Pick<NoteItem, 'owner' | 'status'> & GuardedNote;

export type RefusalCode =
  'not_found' | 'not_owner' | 'own_note' | 'role_missing' | 'locked' | 'wrong_status' | 'already_decided' | 'wrong_level';

/** Why not, with the HTTP status an API answers: 403 for who the actor is, 409 for where the note stands. */
export interface Refusal {
  readonly allowed: false;
  readonly code: RefusalCode;
  readonly httpStatus: 403 | 404 | 409;
  readonly reason: string;
}

/** Allowed, with the statuses the action may lead to from here (two for route: the router decides). */
export type Verdict = { readonly allowed: true; readonly to: readonly NoteStatus[] } | Refusal;

const ACTION_WORDS: Record<NoteAction, string> = {
  submit: 'submit',
  withdraw: 'withdraw',
  route: 'route',
  approve: 'approve',
  reject: 'reject',
  ask_changes: 'ask for changes to',
  batch: 'batch',
  pay: 'pay',
};

const describe = (permitted: Permitted): string =>
  typeof permitted === 'object'
    ? `the ${permitted.service} service`
    : { owner: "the note's owner", approver: 'an approver', accountant: 'an accountant', admin: 'an admin' }[permitted];

const refuse = (code: RefusalCode, httpStatus: Refusal['httpStatus'], reason: string): Refusal => ({
  allowed: false,
  code,
  httpStatus,
  reason,
});

function whoRefusal(action: NoteAction, who: readonly Permitted[], note: NoteInHand, actor: WorkflowActor): Refusal | undefined {
  const words = ACTION_WORDS[action];
  const acting = actingAs(who, actor);
  if (acting === undefined) {
    return refuse('role_missing', 403, `Only ${who.map(describe).join(' or ')} may ${words} a note.`);
  }
  if (actsAsOwner(acting) && 'user' in actor && note.owner !== actor.user)
    return refuse('not_owner', 403, `Only the note's owner may ${words} it.`);
  if (actsInRole(acting) && 'user' in actor && note.owner === actor.user)
    return refuse('own_note', 403, `Nobody may ${words} their own note.`);
  return undefined;
}

/**
 * Whether the actor may make this action on the note as it is, and if not why: the API's 403
 * (not the owner, own note, a role the actor lacks) and 409 (locked once batched or paid, a
 * status the action does not start from, an approver's decision already made).
 */
export function mayTransition(note: NoteInHand | undefined, action: NoteAction, actor: WorkflowActor): Verdict {
  if (note === undefined || note.status === 'deleted') return refuse('not_found', 404, 'No such note.');
  const status = note.status;
  const rows = transitionsOf(action);
  const who = [...new Set(rows.flatMap((row) => row.who))];
  const refusal = whoRefusal(action, who, note, actor);
  if (refusal) return refusal;
  const fromHere = rows.filter((row) => row.from.includes(status));
  if (fromHere.length === 0) {
    if (LOCKED_STATUSES.includes(status))
      return refuse('locked', 409, `The note is ${status}: it is locked, nobody may ${ACTION_WORDS[action]} it now.`);
    return refuse('wrong_status', 409, `The note is ${status}: to ${ACTION_WORDS[action]} it, it must be ${fromStatuses(rows)}.`);
  }
  const open = fromHere.filter((row) => row.guard === undefined || GUARDS[row.guard].holds(note));
  if (open.length === 0) {
    const { code, reason } = GUARDS[fromHere[0]!.guard!].refusal;
    return refuse(code, 409, reason);
  }
  return { allowed: true, to: open.map((row) => row.to) };
}

/** Where an approver's approval leads the note: the next level, or approved at the last. */
export function approvalTarget(note: GuardedNote): NoteStatus {
  return GUARDS.more_levels.holds(note) ? 'awaiting_approval' : 'approved';
}

function fromStatuses(rows: readonly Transition[]): string {
  return [...new Set(rows.flatMap((row) => row.from))].join(' or ');
}
