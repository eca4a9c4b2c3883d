import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, transitionFor, type TransitionRequest } from '../src/index.js';

const base: TransitionRequest = { noteId: 'n', action: 'submit', actor: { user: 'alice', roles: ['employee'] }, requestId: 'r1' };
const approver = { user: 'carol', roles: ['approver' as const] };

function fieldOf(request: TransitionRequest): string | undefined {
  try {
    transitionFor(request);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidTransitionError) return error.field;
    throw error;
  }
}

describe('a transition request', () => {
  it('names its one transition, the target given when the action has several', () => {
    expect(transitionFor(base)).toMatchObject({ action: 'submit', to: 'submitted' });
    expect(transitionFor({ ...base, action: 'approve', to: 'approved', actor: approver, expectedVersion: 3 })).toMatchObject({
      to: 'approved',
      guard: 'last_level',
    });
    expect(
      transitionFor({
        ...base,
        action: 'route',
        to: 'awaiting_approval',
        actor: { service: 'approval-workflow' },
        fields: { approvalLevels: 2 },
      }),
    ).toMatchObject({ approval: 'start' });
  });

  it('is refused, naming the field, when no note could accept it', () => {
    expect(fieldOf({ ...base, action: 'promote' as never })).toBe('action');
    expect(fieldOf({ ...base, action: 'approve', actor: approver, expectedVersion: 3 })).toBe('to');
    expect(fieldOf({ ...base, action: 'submit', to: 'approved' })).toBe('to');
    expect(fieldOf({ ...base, action: 'approve', to: 'approved', actor: approver })).toBe('expectedVersion');
    expect(fieldOf({ ...base, expectedVersion: 0 })).toBe('expectedVersion');
    expect(fieldOf({ ...base, action: 'approve', to: 'approved', actor: base.actor, expectedVersion: 3 })).toBe('actor');
    expect(fieldOf({ ...base, actor: { service: 'approval-workflow' } })).toBe('actor');
    expect(fieldOf({ ...base, requestId: ' ' })).toBe('requestId');
    expect(fieldOf({ ...base, action: 'ask_changes', actor: approver, expectedVersion: 3 })).toBe('comment');
    expect(fieldOf({ ...base, action: 'ask_changes', actor: approver, expectedVersion: 3, comment: '  ' })).toBe('comment');
    expect(fieldOf({ ...base, action: 'batch', actor: { service: 'reimbursement-batcher' } })).toBe('fields.batchId');
    expect(fieldOf({ ...base, fields: { status: 'paid' } })).toBe('fields.status');
    expect(fieldOf({ ...base, fields: { approvalLevel: 5 } })).toBe('fields.approvalLevel');
    expect(fieldOf({ ...base, fields: { 'a.b': 1 } })).toBe('fields.a.b');
    expect(fieldOf({ ...base, fields: { approvalLevels: 2 } })).toBe('fields.approvalLevels');
    const route = { ...base, action: 'route' as const, to: 'awaiting_approval' as const, actor: { service: 'approval-workflow' } };
    expect(fieldOf({ ...route, fields: { approvalLevels: 0 } })).toBe('fields.approvalLevels');
    expect(fieldOf({ ...route, fields: { approvalLevels: 11 } })).toBe('fields.approvalLevels');
    expect(fieldOf({ ...route, fields: { approvalLevels: 1.5 } })).toBe('fields.approvalLevels');
  });
});
