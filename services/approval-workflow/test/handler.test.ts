import { catalog, tableName } from '@ndf/catalog';
import { APPROVAL_WORKFLOW, noteKey, stageKey, tenantScope, type HistoryItem, type NoteItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readNoteApprovals, readNoteHistory, transitionNote } from '@ndf/note-workflow';
import { SettingsCache, writeSettings } from '@ndf/tenant-settings';
import { changeOf, putItems, readItem, startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { policyStage, queueOf, submittedNote, vatStage } from './items.js';

const PREFIX = 'approval-workflow-';
const signal = new AbortController().signal;
// The service's clock: the day approvers are asked (delegations) and the routing's instant.
const NOW = new Date('2026-03-13T10:00:00.000Z');
let stack: SharedStack;
let workflow: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  workflow = await startServiceUnderTest(
    {
      ...service,
      dependencies: (context) => {
        const notesTable = tableName(context.prefix, 'notes');
        return {
          dynamodb: context.clients.dynamodb,
          notesTable,
          settings: new SettingsCache(context.clients.dynamodb, notesTable),
          // The catalog of main, whose converter and mileage calculator are not deployed yet.
          deployed: new Set(['policy-checker', 'vat-calculator']),
          now: () => NOW,
        };
      },
    },
    stack,
  );
});
afterAll(async () => {
  await workflow?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (...items: object[]) => putItems(stack.clients.dynamodb, table(), items);
const noteId = (n: number) => `0a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const scopeOf = (tenant: string) => tenantScope({ tenant, user: 'test', roles: [] });
const readNote = async (note: NoteItem) =>
  (await readItem(stack.clients.dynamodb, table(), noteKey(scopeOf(note.tenant), note.noteId))) as unknown as NoteItem;
const routingStageOf = (note: NoteItem) =>
  readItem(stack.clients.dynamodb, table(), stageKey(scopeOf(note.tenant), APPROVAL_WORKFLOW, note));
const approvalsOf = async (note: NoteItem) =>
  (await readNoteApprovals(stack.clients.dynamodb, table(), scopeOf(note.tenant), note.noteId, signal)).approvals
    .map((item) => `${item.approver}@${item.level}v${item.noteVersion}`)
    .sort();
const lastHistory = async (note: NoteItem): Promise<HistoryItem> =>
  (await readNoteHistory(stack.clients.dynamodb, table(), scopeOf(note.tenant), note.noteId, signal)).history.at(-1)!;

/** The tenant's approvers: alice and bob in sales; carol approves sales, dave above 100.00 EUR; zoe is the admin. */
async function setApprovers(tenant: string, overrides: Record<string, unknown> = {}) {
  const written = await writeSettings(
    stack.clients.dynamodb,
    table(),
    tenantScope({ tenant, user: 'zoe', roles: ['admin'] }),
    'APPROVERS',
    {
      currency: 'EUR',
      teams: [{ name: 'sales', members: ['alice', 'bob'] }],
      levels: [
        { name: 'manager', rules: [{ teams: ['sales'], approvers: ['carol'] }] },
        { name: 'finance', rules: [{ above: '100.00', approvers: ['dave'] }] },
      ],
      delegations: [],
      reminderAfterDays: 2,
      escalateAfterDays: 5,
      admins: ['zoe'],
      ...overrides,
    },
    0,
    signal,
  );
  expect(written.outcome).toBe('written');
}

/** An approver's decision on the note as they read it, through the workflow, and the stream's message of its HISTORY item. */
async function decide(
  note: NoteItem,
  approver: string,
  action: 'approve' | 'reject' | 'ask_changes',
  to?: 'awaiting_approval' | 'approved',
) {
  const read = await readNote(note);
  const result = await transitionNote(
    stack.clients.dynamodb,
    table(),
    scopeOf(note.tenant),
    {
      noteId: note.noteId,
      action,
      ...(to ? { to } : {}),
      actor: { user: approver, roles: ['approver'] },
      expectedVersion: read.version,
      requestId: `${action}-${approver}-${read.version}`,
      ...(action === 'ask_changes' ? { comment: 'Add the attendees, please.' } : {}),
    },
    signal,
  );
  expect(result).toMatchObject({ result: 'applied' });
  await workflow.handle(changeOf(await lastHistory(note)));
}

describe('approval-workflow', () => {
  it("routes a clean note to level 1 once its checks are in, with its approvers' queue items; a repeat changes nothing", async () => {
    await setApprovers('aw-clean');
    const note = submittedNote('aw-clean', noteId(1), '42.50');
    await put(note, policyStage(note, '42.50'), vatStage(note));
    await workflow.handle(changeOf(note));

    expect(await readNote(note)).toMatchObject({ status: 'awaiting_approval', version: 3, approvalLevel: 1, approvalLevels: 1 });
    expect(await lastHistory(note)).toMatchObject({
      action: 'route',
      from: 'submitted',
      to: 'awaiting_approval',
      actor: { kind: 'service', id: 'approval-workflow' },
      at: NOW.toISOString(),
    });
    expect(await routingStageOf(note)).toMatchObject({
      status: 'succeeded',
      noteVersion: 2,
      outcome: {
        decision: 'awaiting_approval',
        amount: { value: '42.50', currency: 'EUR' },
        on: '2026-03-13',
        levels: [{ name: 'manager', approvers: ['carol'], from: 'level' }],
      },
    });
    const queue = await queueOf(stack.clients.dynamodb, table(), 'aw-clean', 'carol');
    expect(queue).toEqual([
      expect.objectContaining({
        noteId: note.noteId,
        owner: 'alice',
        level: 1,
        noteVersion: 3,
        requestedAt: NOW.toISOString(),
        amount: note.amount,
        merchant: 'Café de la Gare',
      }),
    ]);

    // The same message again, and the route's own change: the same note, the same one item.
    await workflow.handle(changeOf(note));
    await workflow.handle(changeOf(await readNote(note)));
    // A check's stage of the submitted version handled late: the note has moved on, nothing changes.
    await workflow.handle(changeOf(policyStage(note, '42.50')));
    expect(await readNote(note)).toMatchObject({ status: 'awaiting_approval', version: 3 });
    expect(await queueOf(stack.clients.dynamodb, table(), 'aw-clean', 'carol')).toEqual(queue);
  });

  it('waits for every check of the submitted version, then routes on the last one in', async () => {
    await setApprovers('aw-wait');
    const note = submittedNote('aw-wait', noteId(2), '30.00');
    // A VAT stage of an older version does not count.
    await put(note, policyStage(note, '30.00'), { ...vatStage(note), noteVersion: 1 });
    await workflow.handle(changeOf(note));
    expect(await readNote(note)).toMatchObject({ status: 'submitted', version: 2 });
    expect(await routingStageOf(note)).toMatchObject({
      status: 'pending',
      code: 'awaiting_checks',
      outcome: { missing: ['vat-calculator'] },
    });
    expect(await approvalsOf(note)).toEqual([]);

    const vat = vatStage(note);
    await put(vat);
    await workflow.handle(changeOf(vat));
    expect(await readNote(note)).toMatchObject({ status: 'awaiting_approval', version: 3 });
    expect(await approvalsOf(note)).toEqual(['carol@1v3']);
  });

  it('keeps the routing of a version when a message about it that read its checks earlier, one still missing, comes after', async () => {
    const note = submittedNote('aw-race', noteId(21), '30.00');
    // The routing another message made a second after this one read: every check in, the approvers named.
    const routed = {
      ...stageKey(scopeOf(note.tenant), APPROVAL_WORKFLOW, note),
      type: 'STAGE',
      tenant: note.tenant,
      noteId: note.noteId,
      service: APPROVAL_WORKFLOW,
      status: 'succeeded',
      noteVersion: note.version,
      readAt: new Date(NOW.getTime() + 1_000).toISOString(),
      outcome: {
        decision: 'awaiting_approval',
        amount: { value: '30.00', currency: 'EUR' },
        levels: [{ name: 'manager', approvers: ['carol'] }],
      },
    };
    await setApprovers('aw-race');
    await put(note, policyStage(note, '30.00'), routed);
    await workflow.handle(changeOf(note));
    expect(await routingStageOf(note)).toMatchObject({ status: 'succeeded', outcome: { decision: 'awaiting_approval' } });
    expect(await readNote(note)).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('sends a note with a blocking violation back to its owner, the violations as the reason, with no approver asked', async () => {
    await setApprovers('aw-blocked');
    const note = submittedNote('aw-blocked', noteId(3), '72.00', { category: 'taxi' });
    await put(
      note,
      policyStage(note, '72.00', [{ code: 'receipt_missing', en: 'A receipt is required above 50.00 EUR.' }]),
      vatStage(note),
    );
    await workflow.handle(changeOf(note));
    expect(await readNote(note)).toMatchObject({ status: 'needs_changes', version: 3 });
    expect((await readNote(note)).approvalLevels).toBeUndefined();
    expect(await lastHistory(note)).toMatchObject({
      action: 'route',
      to: 'needs_changes',
      reason: 'A receipt is required above 50.00 EUR.',
      details: { violations: [{ check: 'policy-checker', code: 'receipt_missing' }] },
    });
    expect(await routingStageOf(note)).toMatchObject({ status: 'succeeded', code: 'sent_back', outcome: { decision: 'sent_back' } });
    expect(await approvalsOf(note)).toEqual([]);
  });

  it("takes a note through two levels: level 1's approval asks level 2; a rejection empties the queues", async () => {
    await setApprovers('aw-levels');
    // 150.00 > 100.00: the manager, then finance.
    const note = submittedNote('aw-levels', noteId(4), '150.00');
    await put(note, policyStage(note, '150.00'), vatStage(note));
    await workflow.handle(changeOf(note));
    expect(await readNote(note)).toMatchObject({ status: 'awaiting_approval', approvalLevel: 1, approvalLevels: 2 });
    expect(await approvalsOf(note)).toEqual(['carol@1v3']);

    await decide(note, 'carol', 'approve', 'awaiting_approval');
    expect(await readNote(note)).toMatchObject({ status: 'awaiting_approval', version: 4, approvalLevel: 2 });
    expect(await approvalsOf(note)).toEqual(['dave@2v4']);
    expect(await queueOf(stack.clients.dynamodb, table(), 'aw-levels', 'carol')).toEqual([]);
    expect(await queueOf(stack.clients.dynamodb, table(), 'aw-levels', 'dave')).toMatchObject([
      { noteId: note.noteId, level: 2, noteVersion: 4 },
    ]);

    await decide(note, 'dave', 'reject');
    expect(await readNote(note)).toMatchObject({ status: 'rejected', version: 5 });
    expect(await approvalsOf(note)).toEqual([]);
    expect((await readNoteApprovals(stack.clients.dynamodb, table(), scopeOf('aw-levels'), note.noteId, signal)).due).toBeUndefined();
    // The rejection's message again: nothing left to change.
    await workflow.handle(changeOf(await lastHistory(note)));
    expect(await approvalsOf(note)).toEqual([]);
  });

  it("asks the delegate of an approver away on the day too, and the last level's approval empties the queue", async () => {
    await setApprovers('aw-delegate', { delegations: [{ from: 'carol', to: 'erin', start: '2026-03-09', end: '2026-03-20' }] });
    const note = submittedNote('aw-delegate', noteId(5), '60.00');
    await put(note, policyStage(note, '60.00'), vatStage(note));
    await workflow.handle(changeOf(note));
    expect(await approvalsOf(note)).toEqual(['carol@1v3', 'erin@1v3']);
    expect(await queueOf(stack.clients.dynamodb, table(), 'aw-delegate', 'erin')).toMatchObject([{ noteId: note.noteId, owner: 'alice' }]);

    await decide(note, 'erin', 'approve', 'approved');
    expect(await readNote(note)).toMatchObject({ status: 'approved' });
    expect(await approvalsOf(note)).toEqual([]);
  });

  it('empties the queue when an approver asks for changes', async () => {
    await setApprovers('aw-changes');
    const note = submittedNote('aw-changes', noteId(8), '35.00');
    await put(note, policyStage(note, '35.00'), vatStage(note));
    await workflow.handle(changeOf(note));
    expect(await approvalsOf(note)).toEqual(['carol@1v3']);
    await decide(note, 'carol', 'ask_changes');
    expect(await readNote(note)).toMatchObject({ status: 'needs_changes', version: 4 });
    expect(await approvalsOf(note)).toEqual([]);
  });

  it("turns to the tenant's admins where no approver is left, and refuses with a reason when there is none", async () => {
    // Carol's own note: the manager level has nobody but her.
    await setApprovers('aw-admins', { teams: [{ name: 'sales', members: ['carol'] }] });
    const note = submittedNote('aw-admins', noteId(6), '20.00', { owner: 'carol' });
    await put(note, policyStage(note, '20.00'), vatStage(note));
    await workflow.handle(changeOf(note));
    expect(await routingStageOf(note)).toMatchObject({ outcome: { levels: [{ name: 'manager', approvers: ['zoe'], from: 'admins' }] } });
    expect(await approvalsOf(note)).toEqual(['zoe@1v3']);

    await setApprovers('aw-no-admin', { levels: [], admins: [] });
    const orphan = submittedNote('aw-no-admin', noteId(7), '20.00');
    await put(orphan, policyStage(orphan, '20.00'), vatStage(orphan));
    await workflow.handle(changeOf(orphan));
    expect(await readNote(orphan)).toMatchObject({ status: 'submitted', version: 2 });
    expect(await routingStageOf(orphan)).toMatchObject({
      status: 'refused',
      code: 'no_approver',
      reason: expect.stringContaining('name no other admin'),
    });
  });
});
