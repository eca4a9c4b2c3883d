import { randomUUID } from 'node:crypto';
import type { Note, Problem } from '@ndf/contracts';
import type { Answer } from '@ndf/http-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

// Every answer is checked against the expense API's document by expense.call; notes are written
// as the ingest API writes them, and routed for approval as the approval workflow does.
let expense: ExpenseUnderTest;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  expense = await startExpense('expense-actions-');
  const people = {
    alice: ['employee'],
    bob: ['employee'],
    carol: ['employee', 'approver'],
    dave: ['employee', 'approver'],
    erin: ['employee', 'accountant'],
  };
  for (const [user, roles] of Object.entries(people)) tokens[user] = await expense.token({ user, roles });
});
afterAll(async () => expense?.stop());

type ActionName = 'submit' | 'withdraw' | 'approve' | 'reject' | 'request-changes';
interface ActOptions {
  readonly as: string;
  readonly version?: number;
  readonly key?: string;
  readonly body?: unknown;
}

const act = (noteId: string, action: ActionName, options: ActOptions): Promise<Answer> =>
  expense.call('POST', `/v1/notes/{id}/${action}`, `/v1/notes/${noteId}/${action}`, {
    token: tokens[options.as],
    ...(options.body === undefined ? {} : { body: options.body }),
    headers: {
      'idempotency-key': options.key ?? randomUUID(),
      ...(options.version === undefined ? {} : { 'if-match': `"${options.version}"` }),
    },
  });

const newNote = async (owner = 'alice'): Promise<string> => {
  const noteId = randomUUID();
  await expense.putNote(noteId, { owner });
  return noteId;
};

/** A note of `owner` submitted through the API and routed for `levels` levels of approval: version 3. */
const awaitingApproval = async (levels = 1, owner = 'alice'): Promise<string> => {
  const noteId = await newNote(owner);
  expect((await act(noteId, 'submit', { as: owner })).status).toBe(200);
  await expense.transition(noteId, {
    action: 'route',
    to: 'awaiting_approval',
    actor: { service: 'approval-workflow' },
    fields: { approvalLevels: levels },
  });
  return noteId;
};

const note = (answer: Answer) => answer.body as Note;
const problem = (answer: Answer) => answer.body as Problem;
const versionOf = async (noteId: string) => (await expense.stored(noteId)).note!.version;

describe("the owner's actions", () => {
  it('submits a draft and withdraws it, each answered with the note as it now stands and its ETag, each in the history', async () => {
    const noteId = await newNote();
    const submitted = await act(noteId, 'submit', { as: 'alice', version: 1 });
    expect(submitted.status).toBe(200);
    expect(note(submitted)).toMatchObject({ id: noteId, status: 'submitted', version: 2, owner: 'alice' });
    expect(submitted.headers.get('etag')).toBe('"2"');
    const withdrawn = await act(noteId, 'withdraw', { as: 'alice' });
    expect([withdrawn.status, note(withdrawn).status, withdrawn.headers.get('etag')]).toEqual([200, 'received', '"3"']);
    const { history } = await expense.stored(noteId);
    expect(history.map(({ action, from, to, actor }) => ({ action, from, to, actor }))).toEqual([
      { action: 'submit', from: 'received', to: 'submitted', actor: { kind: 'user', id: 'alice', role: 'owner' } },
      { action: 'withdraw', from: 'submitted', to: 'received', actor: { kind: 'user', id: 'alice', role: 'owner' } },
    ]);
  });

  it('refuses a body sent to a submit or a withdraw, which take none: 400 unexpected_body, the note unchanged', async () => {
    const noteId = await newNote();
    for (const body of [{ reason: 'on my way back' }, '{"reason":']) {
      const answer = await act(noteId, 'submit', { as: 'alice', body });
      expect([answer.status, problem(answer).code]).toEqual([400, 'unexpected_body']);
    }
    expect(await versionOf(noteId)).toBe(1);
  });

  it("refuses anyone but the owner: 403 to a reader of the tenant's notes, 404 to an employee who cannot see the note", async () => {
    const noteId = await newNote();
    const byAccountant = await act(noteId, 'submit', { as: 'erin' });
    expect([byAccountant.status, problem(byAccountant).code, problem(byAccountant).detail]).toEqual([
      403,
      'forbidden',
      "Only the note's owner may submit it.",
    ]);
    expect(await act(noteId, 'submit', { as: 'bob' })).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await versionOf(noteId)).toBe(1);
  });

  it('answers 409 with the reason for a wrong status, and once an approver approved a level, no withdrawal', async () => {
    const noteId = await awaitingApproval(2);
    const again = await act(noteId, 'submit', { as: 'alice' });
    expect([again.status, problem(again).code, problem(again).detail]).toEqual([
      409,
      'wrong_status',
      'The note is awaiting_approval: to submit it, it must be received or needs_changes.',
    ]);
    expect((await act(noteId, 'approve', { as: 'carol', version: 3 })).status).toBe(200);
    const withdrawal = await act(noteId, 'withdraw', { as: 'alice' });
    expect([withdrawal.status, problem(withdrawal).code]).toEqual([409, 'already_decided']);
    expect(await versionOf(noteId)).toBe(4);
  });

  it('answers 412 with the current ETag to an If-Match naming another version, and changes nothing', async () => {
    const noteId = await newNote();
    const stale = await act(noteId, 'submit', { as: 'alice', version: 7 });
    expect([stale.status, problem(stale).code, stale.headers.get('etag')]).toEqual([412, 'version_mismatch', '"1"']);
    expect(await versionOf(noteId)).toBe(1);
  });
});

describe("an approver's decisions", () => {
  it('approves each level in turn: the next level, then approved, each with who and which level in the history', async () => {
    const noteId = await awaitingApproval(2);
    const first = await act(noteId, 'approve', { as: 'carol', version: 3 });
    expect([first.status, note(first).status, first.headers.get('etag')]).toEqual([200, 'awaiting_approval', '"4"']);
    const last = await act(noteId, 'approve', { as: 'dave', version: 4, body: {} });
    expect([last.status, note(last).status, note(last).version]).toEqual([200, 'approved', 5]);
    expect(note(last).approvedAmount).toBeUndefined();
    const decisions = (await expense.stored(noteId)).history.slice(2);
    expect(decisions.map(({ action, to, actor, details }) => ({ action, to, actor, details }))).toEqual([
      { action: 'approve', to: 'awaiting_approval', actor: { kind: 'user', id: 'carol', role: 'approver' }, details: { level: 1 } },
      { action: 'approve', to: 'approved', actor: { kind: 'user', id: 'dave', role: 'approver' }, details: { level: 2 } },
    ]);
  });

  it('approves in part: a lower amount with its reason is kept on the note and in the history', async () => {
    const noteId = await awaitingApproval(1);
    const partial = await act(noteId, 'approve', {
      as: 'carol',
      version: 3,
      body: { approvedAmount: { value: '30', currency: 'EUR' }, reason: 'The taxi to the station is not covered.' },
    });
    expect(partial.status).toBe(200);
    expect(note(partial)).toMatchObject({
      status: 'approved',
      amount: { value: '42.50' },
      approvedAmount: { value: '30.00', currency: 'EUR' },
    });
    const { note: stored, history } = await expense.stored(noteId);
    expect(stored?.approvedAmount).toEqual({ value: '30.00', currency: 'EUR' });
    expect(history.at(-1)).toMatchObject({
      reason: 'The taxi to the station is not covered.',
      details: { level: 1, approvedAmount: { value: '30.00', currency: 'EUR' } },
    });
  });

  it('forgets a partial approval when the note, sent back for changes, is submitted again: a new round decides anew', async () => {
    const noteId = await awaitingApproval(2);
    const body = { approvedAmount: { value: '30.00', currency: 'EUR' }, reason: 'The taxi is not covered.' };
    expect(note(await act(noteId, 'approve', { as: 'carol', version: 3, body })).approvedAmount).toEqual(body.approvedAmount);
    await act(noteId, 'request-changes', { as: 'dave', version: 4, body: { comment: 'Add the receipt of the taxi.' } });
    const again = await act(noteId, 'submit', { as: 'alice', version: 5 });
    expect([again.status, note(again).status, note(again).approvedAmount]).toEqual([200, 'submitted', undefined]);
    expect((await expense.stored(noteId)).note?.approvedAmount).toBeUndefined();
  });

  it('refuses a partial approval above the claimed amount, in another currency, or without its reason: 400 naming the field', async () => {
    const noteId = await awaitingApproval(1);
    const cases: [unknown, string, string][] = [
      [{ approvedAmount: { value: '42.51', currency: 'EUR' }, reason: 'More.' }, '/approvedAmount/value', 'too_large'],
      [{ approvedAmount: { value: '30.00', currency: 'USD' }, reason: 'Dollars.' }, '/approvedAmount/currency', 'not_allowed'],
      [{ approvedAmount: { value: '30.00', currency: 'EUR' } }, '/reason', 'required'],
      [{ approvedAmount: { value: '30.00', currency: 'EUR' }, reason: '   ' }, '/reason', 'required'],
      [{ approvedAmount: { value: '30.001', currency: 'EUR' }, reason: 'Cents.' }, '/approvedAmount/value', 'too_many_decimals'],
    ];
    for (const [body, field, code] of cases) {
      const refused = await act(noteId, 'approve', { as: 'carol', version: 3, body });
      expect({ body, status: refused.status, errors: problem(refused).errors }).toEqual({
        body,
        status: 400,
        errors: [expect.objectContaining({ field, in: 'body', code })],
      });
    }
    expect(await versionOf(noteId)).toBe(3);
    // The claimed amount itself is a full approval: nothing kept on the note, no reason needed.
    const full = await act(noteId, 'approve', { as: 'carol', version: 3, body: { approvedAmount: { value: '42.5', currency: 'EUR' } } });
    expect([full.status, note(full).status, note(full).approvedAmount]).toEqual([200, 'approved', undefined]);
  });

  it('rejects with its reason, and asks for changes with a comment the owner corrects and submits again', async () => {
    const rejectedId = await awaitingApproval(1);
    expect(await act(rejectedId, 'reject', { as: 'carol', version: 3, body: {} })).toMatchObject({
      status: 400,
      body: { errors: [{ field: '/reason', code: 'required' }] },
    });
    const rejected = await act(rejectedId, 'reject', { as: 'carol', version: 3, body: { reason: 'A personal dinner.' } });
    expect([rejected.status, note(rejected).status]).toEqual([200, 'rejected']);
    expect((await expense.stored(rejectedId)).history.at(-1)).toMatchObject({ action: 'reject', reason: 'A personal dinner.' });

    const sentBackId = await awaitingApproval(1);
    expect(await act(sentBackId, 'request-changes', { as: 'dave', version: 3, body: { reason: 'x' } })).toMatchObject({
      status: 400,
      body: { errors: expect.arrayContaining([expect.objectContaining({ field: '/comment', code: 'required' })]) },
    });
    const sentBack = await act(sentBackId, 'request-changes', { as: 'dave', version: 3, body: { comment: 'Name who attended.' } });
    expect([sentBack.status, note(sentBack).status]).toEqual([200, 'needs_changes']);
    expect((await expense.stored(sentBackId)).history.at(-1)).toMatchObject({
      action: 'ask_changes',
      comment: 'Name who attended.',
      actor: { id: 'dave', role: 'approver' },
    });
    expect(note(await act(sentBackId, 'submit', { as: 'alice', version: 4 })).status).toBe('submitted');
  });

  it('refuses with 403, the note unchanged: an employee, an approver on their own note, one the workflow did not name', async () => {
    const noteId = await awaitingApproval(1);
    const employee = await act(noteId, 'approve', { as: 'bob', version: 3 });
    expect([employee.status, problem(employee).detail]).toEqual([
      403,
      'Approving a note needs the role approver; the token grants employee.',
    ]);
    const ownId = await awaitingApproval(1, 'carol');
    const own = await act(ownId, 'reject', { as: 'carol', version: 3, body: { reason: 'Mine.' } });
    expect([own.status, problem(own).detail]).toEqual([403, 'Nobody may reject their own note.']);
    // Once the approval workflow names the level's approvers, only they decide it.
    await expense.putApproval({ noteId, owner: 'alice', approver: 'dave', level: 1, requestedAt: '2026-11-02T08:00:05.000Z' });
    const notNamed = await act(noteId, 'approve', { as: 'carol', version: 3 });
    expect([notNamed.status, problem(notNamed).detail]).toEqual([403, 'Level 1 of this note is for dave to decide, not carol.']);
    expect(await versionOf(noteId)).toBe(3);
    expect(await versionOf(ownId)).toBe(3);
    expect(note(await act(noteId, 'approve', { as: 'dave', version: 3 })).status).toBe('approved');
  });

  it('answers 409 with the reason when the note is not awaiting approval', async () => {
    const noteId = await newNote();
    const refused = await act(noteId, 'approve', { as: 'carol', version: 1 });
    expect([refused.status, problem(refused).code, problem(refused).detail]).toEqual([
      409,
      'wrong_status',
      'The note is received: to approve it, it must be awaiting_approval.',
    ]);
  });

  it('lets one of two approvers deciding the same version at once win; the other is told where the note now stands', async () => {
    const noteId = await awaitingApproval(2);
    const answers = await Promise.all([
      act(noteId, 'approve', { as: 'carol', version: 3 }),
      act(noteId, 'reject', { as: 'dave', version: 3, body: { reason: 'Not a business meal.' } }),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 412]).toContain(statuses[1]);
    const { note: stored, history } = await expense.stored(noteId);
    expect(stored?.version).toBe(4);
    expect(history.filter((entry) => entry.version === 4)).toHaveLength(1);
  });

  it('needs If-Match (428), and answers 412 with the current ETag to a stale one, the note unchanged', async () => {
    const noteId = await awaitingApproval(1);
    expect(await act(noteId, 'approve', { as: 'carol' })).toMatchObject({ status: 428, body: { code: 'precondition_required' } });
    const stale = await act(noteId, 'reject', { as: 'carol', version: 2, body: { reason: 'Late.' } });
    expect([stale.status, problem(stale).code, stale.headers.get('etag')]).toEqual([412, 'version_mismatch', '"3"']);
    expect(await act(noteId, 'approve', { as: 'carol', version: 'x' as unknown as number })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'If-Match', in: 'header' }] },
    });
    expect(await versionOf(noteId)).toBe(3);
  });
});

describe('the Idempotency-Key', () => {
  it('applies a replayed request once and answers it the same; another request under the key is a conflict', async () => {
    const noteId = await awaitingApproval(1);
    const key = randomUUID();
    const body = { approvedAmount: { value: '40.00', currency: 'EUR' }, reason: 'Capped.' };
    const first = await act(noteId, 'approve', { as: 'carol', version: 3, key, body });
    const replay = await act(noteId, 'approve', { as: 'carol', version: 3, key, body });
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('etag')).toBe('"4"');
    const { history } = await expense.stored(noteId);
    expect(history.filter((entry) => entry.action === 'approve')).toHaveLength(1);
    const other = await act(noteId, 'reject', { as: 'carol', version: 3, key, body: { reason: 'Changed my mind.' } });
    expect([other.status, problem(other).code]).toEqual([409, 'idempotency_conflict']);
    // The same key is another request for another user.
    const owner = await act(noteId, 'withdraw', { as: 'alice', key });
    expect([owner.status, problem(owner).code]).toEqual([409, 'wrong_status']);
  });

  it('is required, and must be one: 400 naming the header', async () => {
    const noteId = await newNote();
    const missing = await expense.call('POST', '/v1/notes/{id}/submit', `/v1/notes/${noteId}/submit`, { token: tokens.alice });
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ field: 'Idempotency-Key', in: 'header', code: 'required' }] } });
    expect(await versionOf(noteId)).toBe(1);
  });
});
