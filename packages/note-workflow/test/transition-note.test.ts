import { PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  historyKey,
  noteKey,
  payableIndexAttributes,
  payableKey,
  tenantScope,
  type NoteItem,
  type NoteStatus,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNoteHistory, transitionNote, type TransitionRequest, type WorkflowActor } from '../src/index.js';

let stack: SharedStack;
const table = () => tableName(stack.config.prefix, 'notes');
const signal = new AbortController().signal;
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const alice: WorkflowActor = { user: 'alice', roles: ['employee'] };
const carol: WorkflowActor = { user: 'carol', roles: ['approver'] };
const dave: WorkflowActor = { user: 'dave', roles: ['approver'] };
const router: WorkflowActor = { service: 'approval-workflow' };
const batcher: WorkflowActor = { service: 'reimbursement-batcher' };

beforeAll(async () => {
  stack = await useSharedStack('note-workflow-', { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

async function newNote(status: NoteStatus = 'received'): Promise<string> {
  const noteId = randomUUID();
  const item: NoteItem = {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant: 'acme',
    noteId,
    owner: 'alice',
    status,
    version: 1,
    date: '2026-11-03',
    amount: { value: '42.50', currency: 'EUR' },
    receiptIds: [],
    requestHash: 'h',
    createdAt: '2026-11-03T08:00:00.000Z',
    updatedAt: '2026-11-03T08:00:00.000Z',
  };
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item) }));
  return noteId;
}

const move = (noteId: string, request: Omit<TransitionRequest, 'noteId' | 'requestId'> & { requestId?: string }) =>
  transitionNote(stack.clients.dynamodb, table(), scope, { noteId, requestId: randomUUID(), ...request }, signal);
const noteNow = async (noteId: string) => (await readItem(stack.clients.dynamodb, table(), noteKey(scope, noteId))) as unknown as NoteItem;
const historyOf = async (noteId: string) => (await readNoteHistory(stack.clients.dynamodb, table(), scope, noteId, signal)).history;

describe('transitionNote on DynamoDB', () => {
  it("puts an approved note in the batcher's index of notes to pay, and takes it out when it is batched, in the transition's transaction", async () => {
    const noteId = await newNote('awaiting_approval');
    const approvedAt = new Date('2026-11-05T10:00:00.000Z');
    await move(noteId, { action: 'approve', to: 'approved', actor: carol, expectedVersion: 1, now: approvedAt });
    expect(await readItem(stack.clients.dynamodb, table(), payableKey(scope, noteId))).toEqual({
      ...payableKey(scope, noteId),
      ...payableIndexAttributes(scope, approvedAt.toISOString(), noteId),
      type: 'PAYABLE',
      tenant: 'acme',
      noteId,
      owner: 'alice',
      approvedAt: approvedAt.toISOString(),
      noteVersion: 2,
    });
    await move(noteId, { action: 'batch', actor: batcher, fields: { batchId: 'b-1' } });
    expect(await readItem(stack.clients.dynamodb, table(), payableKey(scope, noteId))).toBeUndefined();
  });

  it('applies each transition of the table, with the fields it sets, and records each in the history, oldest first', async () => {
    const noteId = await newNote();
    const at = (minute: number) => new Date(`2026-11-04T09:${String(minute).padStart(2, '0')}:00.000Z`);
    expect(await move(noteId, { action: 'submit', actor: alice, now: at(0), correlationId: 'c-submit' })).toEqual({
      result: 'applied',
      status: 'submitted',
      version: 2,
      replayed: false,
    });
    expect(await noteNow(noteId)).toMatchObject({
      status: 'submitted',
      version: 2,
      updatedAt: at(0).toISOString(),
      correlationId: 'c-submit',
    });
    expect(
      await move(noteId, { action: 'route', to: 'awaiting_approval', actor: router, fields: { approvalLevels: 2 }, now: at(1) }),
    ).toMatchObject({
      result: 'applied',
      status: 'awaiting_approval',
      version: 3,
    });
    expect(await noteNow(noteId)).toMatchObject({ approvalLevel: 1, approvalLevels: 2 });
    const partly = { value: '40.00', currency: 'EUR' };
    expect(
      await move(noteId, {
        action: 'approve',
        to: 'awaiting_approval',
        actor: carol,
        expectedVersion: 3,
        reason: 'The taxi to the station is not covered.',
        details: { approvedAmount: partly },
        fields: { approvedAmount: partly },
        now: at(2),
      }),
    ).toMatchObject({ result: 'applied', status: 'awaiting_approval', version: 4 });
    expect(await noteNow(noteId)).toMatchObject({ approvalLevel: 2, approvalLevels: 2, approvedAmount: partly });
    expect(await move(noteId, { action: 'approve', to: 'approved', actor: dave, expectedVersion: 4, now: at(3) })).toMatchObject({
      status: 'approved',
      version: 5,
    });
    expect(await move(noteId, { action: 'batch', actor: batcher, fields: { batchId: 'batch-2026-11' }, now: at(4) })).toMatchObject({
      status: 'batched',
      version: 6,
    });
    expect(await move(noteId, { action: 'pay', actor: { user: 'erin', roles: ['accountant'] }, now: at(5) })).toMatchObject({
      status: 'paid',
      version: 7,
    });
    expect(await noteNow(noteId)).toMatchObject({ status: 'paid', version: 7, batchId: 'batch-2026-11' });

    const history = await historyOf(noteId);
    expect(history.map(({ action, from, to, version, actor, at }) => ({ action, from, to, version, actor, at }))).toEqual([
      {
        action: 'submit',
        from: 'received',
        to: 'submitted',
        version: 2,
        actor: { kind: 'user', id: 'alice', role: 'owner' },
        at: at(0).toISOString(),
      },
      {
        action: 'route',
        from: 'submitted',
        to: 'awaiting_approval',
        version: 3,
        actor: { kind: 'service', id: 'approval-workflow' },
        at: at(1).toISOString(),
      },
      {
        action: 'approve',
        from: 'awaiting_approval',
        to: 'awaiting_approval',
        version: 4,
        actor: { kind: 'user', id: 'carol', role: 'approver' },
        at: at(2).toISOString(),
      },
      {
        action: 'approve',
        from: 'awaiting_approval',
        to: 'approved',
        version: 5,
        actor: { kind: 'user', id: 'dave', role: 'approver' },
        at: at(3).toISOString(),
      },
      {
        action: 'batch',
        from: 'approved',
        to: 'batched',
        version: 6,
        actor: { kind: 'service', id: 'reimbursement-batcher' },
        at: at(4).toISOString(),
      },
      {
        action: 'pay',
        from: 'batched',
        to: 'paid',
        version: 7,
        actor: { kind: 'user', id: 'erin', role: 'accountant' },
        at: at(5).toISOString(),
      },
    ]);
    expect(history[2]).toMatchObject({ reason: 'The taxi to the station is not covered.', details: { approvedAmount: partly } });
    expect(history[0]).toMatchObject({ correlationId: 'c-submit', type: 'HISTORY', noteId, tenant: 'acme' });
  });

  it('applies the other transitions: withdraw, reject, ask for changes then submit again, and routing back for changes', async () => {
    const withdrawn = await newNote('submitted');
    expect(await move(withdrawn, { action: 'withdraw', actor: alice })).toMatchObject({ status: 'received', version: 2 });

    const rejected = await newNote('awaiting_approval');
    expect(await move(rejected, { action: 'reject', actor: carol, expectedVersion: 1, reason: 'A personal dinner.' })).toMatchObject({
      status: 'rejected',
    });

    const sentBack = await newNote('submitted');
    await move(sentBack, { action: 'route', to: 'awaiting_approval', actor: router, fields: { approvalLevels: 3 } });
    await move(sentBack, { action: 'approve', to: 'awaiting_approval', actor: carol, expectedVersion: 2 });
    expect(await move(sentBack, { action: 'ask_changes', actor: dave, expectedVersion: 3, comment: 'Add the attendees.' })).toMatchObject({
      status: 'needs_changes',
      version: 4,
    });
    // Submitted again, the note starts a new round of approval: no level left from the last one.
    expect(await move(sentBack, { action: 'submit', actor: alice })).toMatchObject({ status: 'submitted', version: 5 });
    const resubmitted = await noteNow(sentBack);
    expect(resubmitted.approvalLevel).toBeUndefined();
    expect(resubmitted.approvalLevels).toBeUndefined();
    expect(
      await move(sentBack, { action: 'route', to: 'needs_changes', actor: router, reason: 'Over the meal cap (blocking).' }),
    ).toMatchObject({
      status: 'needs_changes',
      version: 6,
    });
    expect((await historyOf(sentBack)).map((entry) => [entry.action, entry.to, entry.comment ?? entry.reason])).toEqual([
      ['route', 'awaiting_approval', undefined],
      ['approve', 'awaiting_approval', undefined],
      ['ask_changes', 'needs_changes', 'Add the attendees.'],
      ['submit', 'submitted', undefined],
      ['route', 'needs_changes', 'Over the meal cap (blocking).'],
    ]);
  });

  it('answers a stale version or a wrong status with a conflict giving the note as it is, and changes nothing', async () => {
    const noteId = await newNote('awaiting_approval');
    const before = await noteNow(noteId);
    expect(await move(noteId, { action: 'approve', to: 'approved', actor: carol, expectedVersion: 7 })).toEqual({
      result: 'conflict',
      status: 'awaiting_approval',
      version: 1,
    });
    expect(await move(noteId, { action: 'submit', actor: alice })).toMatchObject({
      result: 'conflict',
      status: 'awaiting_approval',
      version: 1,
      refusal: { code: 'wrong_status', httpStatus: 409 },
    });
    expect(
      await move(noteId, { action: 'approve', to: 'approved', actor: { user: 'alice', roles: ['approver'] }, expectedVersion: 1 }),
    ).toMatchObject({
      result: 'conflict',
      refusal: { code: 'own_note', httpStatus: 403 },
    });
    // A two-level note cannot be approved straight to approved at its first level.
    const twoLevels = await newNote('submitted');
    await move(twoLevels, { action: 'route', to: 'awaiting_approval', actor: router, fields: { approvalLevels: 2 } });
    expect(await move(twoLevels, { action: 'approve', to: 'approved', actor: carol, expectedVersion: 2 })).toMatchObject({
      result: 'conflict',
      refusal: { code: 'wrong_level' },
    });
    await move(twoLevels, { action: 'approve', to: 'awaiting_approval', actor: carol, expectedVersion: 2 });
    expect(await move(twoLevels, { action: 'withdraw', actor: alice })).toMatchObject({
      result: 'conflict',
      refusal: { code: 'already_decided' },
    });

    expect(await noteNow(noteId)).toEqual(before);
    expect(await historyOf(noteId)).toEqual([]);
    expect(await historyOf(twoLevels)).toHaveLength(2);
  });

  it('answers not_found for a note that is not there or deleted', async () => {
    expect(await move(randomUUID(), { action: 'submit', actor: alice })).toEqual({ result: 'not_found' });
    expect(await move(await newNote('deleted' as NoteStatus), { action: 'submit', actor: alice })).toEqual({ result: 'not_found' });
  });

  it('lets exactly one of two concurrent approvals of the same note apply', async () => {
    for (let round = 0; round < 5; round += 1) {
      const noteId = await newNote('awaiting_approval');
      const results = await Promise.all(
        [carol, dave].map((actor) => move(noteId, { action: 'approve', to: 'approved', actor, expectedVersion: 1 })),
      );
      expect(results.map((result) => result.result).sort()).toEqual(['applied', 'conflict']);
      expect(results.find((result) => result.result === 'conflict')).toMatchObject({
        result: 'conflict',
        status: 'approved',
        version: 2,
        refusal: { code: 'wrong_status', httpStatus: 409 },
      });
      expect(await noteNow(noteId)).toMatchObject({ status: 'approved', version: 2 });
      expect(await historyOf(noteId)).toHaveLength(1);
    }
  });

  it('applies a replayed request once, and answers every repeat as applied, even after the note moved on', async () => {
    const noteId = await newNote();
    const submit = { action: 'submit' as const, actor: alice, requestId: 'submit-once' };
    const replays = await Promise.all([move(noteId, submit), move(noteId, submit), move(noteId, submit)]);
    expect(replays.every((result) => result.result === 'applied' && result.status === 'submitted' && result.version === 2)).toBe(true);
    expect(replays.filter((result) => result.result === 'applied' && !result.replayed)).toHaveLength(1);
    expect(await move(noteId, { action: 'withdraw', actor: alice })).toMatchObject({ result: 'applied', status: 'received', version: 3 });
    // The same submission again (an app retrying late): already applied, the withdrawal stands.
    expect(await move(noteId, submit)).toEqual({ result: 'applied', status: 'submitted', version: 2, replayed: true });
    expect(await noteNow(noteId)).toMatchObject({ status: 'received', version: 3 });
    expect((await historyOf(noteId)).map((entry) => entry.action)).toEqual(['submit', 'withdraw']);
  });

  it('reads again and applies when the note changed between its read and its write, unless the caller named the version it read', async () => {
    // The owner's correction lands between the transition's read and its write, once.
    const correctedMeanwhile = (noteId: string): DynamoDBClient => {
      let raced = false;
      const send = async (command: unknown, options?: unknown) => {
        if (command instanceof TransactWriteItemsCommand && !raced) {
          raced = true;
          await stack.clients.dynamodb.send(
            new UpdateItemCommand({
              TableName: table(),
              Key: marshall(noteKey(scope, noteId)),
              UpdateExpression: 'SET #version = #version + :one, merchant = :merchant',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: marshall({ ':one': 1, ':merchant': 'Corrected' }),
            }),
          );
        }
        return stack.clients.dynamodb.send(command as never, options as never);
      };
      return { send } as unknown as DynamoDBClient;
    };
    const submit = (noteId: string, expectedVersion?: number) =>
      transitionNote(
        correctedMeanwhile(noteId),
        table(),
        scope,
        { noteId, action: 'submit', actor: alice, requestId: randomUUID(), ...(expectedVersion ? { expectedVersion } : {}) },
        signal,
      );

    const unpinned = await newNote();
    expect(await submit(unpinned)).toMatchObject({ result: 'applied', status: 'submitted', version: 3, replayed: false });
    expect(await noteNow(unpinned)).toMatchObject({ status: 'submitted', version: 3, merchant: 'Corrected' });
    expect((await historyOf(unpinned)).map((entry) => [entry.from, entry.to, entry.version])).toEqual([['received', 'submitted', 3]]);

    const pinned = await newNote();
    expect(await submit(pinned, 1)).toEqual({ result: 'conflict', status: 'received', version: 2 });
    expect(await noteNow(pinned)).toMatchObject({ status: 'received', version: 2 });
    expect(await historyOf(pinned)).toEqual([]);
  });

  it('reads the history back in version order past nine transitions (zero-padded versions)', async () => {
    const noteId = await newNote();
    for (let round = 0; round < 6; round += 1) {
      await move(noteId, { action: 'submit', actor: alice });
      await move(noteId, { action: 'withdraw', actor: alice });
    }
    const history = await historyOf(noteId);
    expect(history.map((entry) => entry.version)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(await readItem(stack.clients.dynamodb, table(), historyKey(scope, noteId, 10))).toMatchObject({
      action: 'submit',
      from: 'received',
    });
  });
});
