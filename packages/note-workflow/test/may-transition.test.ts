import { describe, expect, it } from 'vitest';
import { TRANSITIONS, approvalTarget, mayTransition, type NoteInHand, type WorkflowActor } from '../src/index.js';

const alice: WorkflowActor = { user: 'alice', roles: ['employee'] };
const bob: WorkflowActor = { user: 'bob', roles: ['employee'] };
const carol: WorkflowActor = { user: 'carol', roles: ['employee', 'approver'] };
const aliceApprover: WorkflowActor = { user: 'alice', roles: ['employee', 'approver'] };
const dan: WorkflowActor = { user: 'dan', roles: ['accountant'] };
const router: WorkflowActor = { service: 'approval-workflow' };
const batcher: WorkflowActor = { service: 'reimbursement-batcher' };
const note = (status: NoteInHand['status'], more: Partial<NoteInHand> = {}): NoteInHand => ({ owner: 'alice', status, ...more });

describe('who may move a note, and from where', () => {
  it('lets each actor make the transitions of the table from their statuses, to the statuses they lead to', () => {
    expect(mayTransition(note('received'), 'submit', alice)).toEqual({ allowed: true, to: ['submitted'] });
    expect(mayTransition(note('needs_changes'), 'submit', alice)).toEqual({ allowed: true, to: ['submitted'] });
    expect(mayTransition(note('submitted'), 'withdraw', alice)).toEqual({ allowed: true, to: ['received'] });
    expect(mayTransition(note('awaiting_approval', { approvalLevel: 1, approvalLevels: 2 }), 'withdraw', alice)).toEqual({
      allowed: true,
      to: ['received'],
    });
    expect(mayTransition(note('submitted'), 'route', router)).toEqual({ allowed: true, to: ['awaiting_approval', 'needs_changes'] });
    expect(mayTransition(note('awaiting_approval', { approvalLevel: 1, approvalLevels: 2 }), 'approve', carol)).toEqual({
      allowed: true,
      to: ['awaiting_approval'],
    });
    expect(mayTransition(note('awaiting_approval', { approvalLevel: 2, approvalLevels: 2 }), 'approve', carol)).toEqual({
      allowed: true,
      to: ['approved'],
    });
    expect(mayTransition(note('awaiting_approval'), 'reject', carol)).toEqual({ allowed: true, to: ['rejected'] });
    expect(mayTransition(note('awaiting_approval'), 'ask_changes', carol)).toEqual({ allowed: true, to: ['needs_changes'] });
    expect(mayTransition(note('approved'), 'batch', batcher)).toEqual({ allowed: true, to: ['batched'] });
    expect(mayTransition(note('batched'), 'pay', dan)).toEqual({ allowed: true, to: ['paid'] });
    expect(mayTransition(note('batched'), 'pay', batcher)).toEqual({ allowed: true, to: ['paid'] });
    expect(mayTransition(note('batched'), 'pay', { user: 'erin', roles: ['admin'] })).toEqual({ allowed: true, to: ['paid'] });
  });

  it('refuses, with 403, another user than the owner, a role the actor lacks, and anyone on their own note in a role', () => {
    expect(mayTransition(note('received'), 'submit', bob)).toMatchObject({ code: 'not_owner', httpStatus: 403 });
    expect(mayTransition(note('received'), 'submit', router)).toMatchObject({ code: 'role_missing', httpStatus: 403 });
    expect(mayTransition(note('awaiting_approval'), 'approve', bob)).toMatchObject({
      code: 'role_missing',
      httpStatus: 403,
      reason: 'Only an approver may approve a note.',
    });
    expect(mayTransition(note('awaiting_approval'), 'approve', aliceApprover)).toMatchObject({ code: 'own_note', httpStatus: 403 });
    expect(mayTransition(note('awaiting_approval'), 'ask_changes', aliceApprover)).toMatchObject({ code: 'own_note', httpStatus: 403 });
    expect(mayTransition(note('batched'), 'pay', { user: 'alice', roles: ['accountant'] })).toMatchObject({ code: 'own_note' });
    expect(mayTransition(note('submitted'), 'route', carol)).toMatchObject({ code: 'role_missing' });
    expect(mayTransition(note('submitted'), 'route', batcher)).toMatchObject({ code: 'role_missing' });
    expect(mayTransition(note('approved'), 'batch', dan)).toMatchObject({ code: 'role_missing' });
  });

  it('refuses, with 409, a note locked once batched or paid, a status the action does not start from, and a withdrawal after an approval', () => {
    expect(mayTransition(note('batched'), 'withdraw', alice)).toMatchObject({ code: 'locked', httpStatus: 409 });
    expect(mayTransition(note('paid'), 'submit', alice)).toMatchObject({ code: 'locked', httpStatus: 409 });
    expect(mayTransition(note('paid'), 'pay', dan)).toMatchObject({ code: 'locked', httpStatus: 409 });
    expect(mayTransition(note('approved'), 'withdraw', alice)).toMatchObject({
      code: 'wrong_status',
      httpStatus: 409,
      reason: 'The note is approved: to withdraw it, it must be submitted or awaiting_approval.',
    });
    expect(mayTransition(note('submitted'), 'submit', alice)).toMatchObject({ code: 'wrong_status' });
    expect(mayTransition(note('received'), 'approve', carol)).toMatchObject({ code: 'wrong_status' });
    expect(mayTransition(note('awaiting_approval', { approvalLevel: 2, approvalLevels: 2 }), 'withdraw', alice)).toMatchObject({
      code: 'already_decided',
      httpStatus: 409,
    });
  });

  it('answers 404 for a note that is not there or deleted, before saying anything of it', () => {
    expect(mayTransition(undefined, 'submit', alice)).toMatchObject({ code: 'not_found', httpStatus: 404 });
    expect(mayTransition(note('deleted'), 'approve', carol)).toMatchObject({ code: 'not_found', httpStatus: 404 });
  });

  it('starts the rows of one action from the same statuses (which row applies is for its guard and the caller to say, never the status)', () => {
    for (const row of TRANSITIONS) {
      const first = TRANSITIONS.find((other) => other.action === row.action)!;
      expect({ action: row.action, from: row.from }).toEqual({ action: row.action, from: first.from });
    }
  });

  it('leads an approval to the next level, or to approved at the last (one level when routing named none)', () => {
    expect(approvalTarget({})).toBe('approved');
    expect(approvalTarget({ approvalLevel: 1, approvalLevels: 1 })).toBe('approved');
    expect(approvalTarget({ approvalLevel: 1, approvalLevels: 3 })).toBe('awaiting_approval');
    expect(approvalTarget({ approvalLevel: 2, approvalLevels: 3 })).toBe('awaiting_approval');
    expect(approvalTarget({ approvalLevel: 3, approvalLevels: 3 })).toBe('approved');
  });
});
