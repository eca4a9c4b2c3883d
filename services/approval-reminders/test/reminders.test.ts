import { catalog, tableName } from '@ndf/catalog';
import {
  APPROVAL_WORKFLOW,
  ITEM_TYPES,
  settingsKey,
  stageKey,
  tenantScope,
  type ApprovalDueItem,
  type ApprovalRoutingOutcome,
  type NoteItem,
  type RoutedLevel,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { approvalDueItemOf, approvalItemOf, nextDueAt, readNoteApprovals } from '@ndf/note-workflow';
import { SettingsCache, writeSettings } from '@ndf/tenant-settings';
import { putItems, startServiceUnderTest, testNoteItem, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'approval-reminders-';
const TICK = { kind: 'tick' };
const signal = new AbortController().signal;
// The service's clock, moved by each test.
let clock = new Date('2026-03-02T09:00:00.000Z');
let stack: SharedStack;
let reminders: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [service.entry] });
  reminders = await startServiceUnderTest(
    {
      ...service,
      dependencies: (context) => {
        const notesTable = tableName(context.prefix, 'notes');
        return {
          dynamodb: context.clients.dynamodb,
          notesTable,
          settings: new SettingsCache(context.clients.dynamodb, notesTable),
          now: () => clock,
          perShard: 100,
        };
      },
    },
    stack,
  );
});
afterAll(async () => {
  await reminders?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const scopeOf = (tenant: string) => tenantScope({ tenant, user: 'test', roles: [] });
const noteId = (n: number) => `0b000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const REQUESTED_AT = '2026-03-02T09:00:00.000Z';
const SETTINGS = { reminderAfterDays: 2, escalateAfterDays: 5 };

/** A note routed as the approval workflow leaves it: awaiting level 1 at version 3, its stage's chain, its approvers' items and its due item. */
async function routedNote(tenant: string, n: number, levels: RoutedLevel[]): Promise<NoteItem> {
  const written = await writeSettings(
    stack.clients.dynamodb,
    table(),
    tenantScope({ tenant, user: 'zoe', roles: ['admin'] }),
    'APPROVERS',
    { currency: 'EUR', teams: [], levels: [], delegations: [], ...SETTINGS, admins: ['zoe'] },
    0,
    signal,
  );
  expect(written.outcome).toBe('written');
  const scope = scopeOf(tenant);
  const note = testNoteItem(tenant, noteId(n), {
    status: 'awaiting_approval',
    version: 3,
    approvalLevel: 1,
    approvalLevels: levels.length,
  });
  const routing: ApprovalRoutingOutcome = { decision: 'awaiting_approval', amount: note.amount, on: '2026-03-02', levels };
  const round = { note, level: 1, noteVersion: 3, requestedAt: REQUESTED_AT };
  await putItems(stack.clients.dynamodb, table(), [
    note,
    {
      ...stageKey(scope, APPROVAL_WORKFLOW, { noteId: note.noteId }),
      type: ITEM_TYPES.stage,
      tenant,
      service: APPROVAL_WORKFLOW,
      noteId: note.noteId,
      noteVersion: 2,
      status: 'succeeded',
      outcome: routing,
      updatedAt: REQUESTED_AT,
    },
    ...levels[0]!.approvers.map((approver) => approvalItemOf(scope, round, approver)),
    approvalDueItemOf(scope, round, nextDueAt(REQUESTED_AT, new Date(REQUESTED_AT), SETTINGS, false)),
  ]);
  return note;
}

const approvals = (note: NoteItem) => readNoteApprovals(stack.clients.dynamodb, table(), scopeOf(note.tenant), note.noteId, signal);
async function remindedOf(note: NoteItem) {
  const { approvals: items } = await approvals(note);
  return Object.fromEntries(
    items.map((item) => [item.approver, { period: item.remindedPeriod, at: item.remindedAt, escalatedAt: item.escalatedAt }]),
  );
}
const dueOf = async (note: NoteItem): Promise<ApprovalDueItem | undefined> => (await approvals(note)).due;

describe('approval-reminders', () => {
  it("reminds a round's approvers once per reminder period, then escalates it to the next level's approvers", async () => {
    const note = await routedNote('ar-levels', 1, [
      { name: 'manager', approvers: ['carol'], from: 'level' },
      { name: 'finance', approvers: ['dave'], from: 'level' },
    ]);
    // A day in: nothing is due (the index holds it until 2026-03-04T09:00).
    clock = new Date('2026-03-03T09:00:00.000Z');
    await reminders.handle(TICK);
    expect(await remindedOf(note)).toEqual({ carol: { period: undefined, at: undefined, escalatedAt: undefined } });
    expect((await dueOf(note))?.gsi1sk).toBe('2026-03-04T09:00:00.000Z');

    // Two days and an hour in: the first reminder, recorded; the next is due two days after the first.
    clock = new Date('2026-03-04T10:00:00.000Z');
    await reminders.handle(TICK);
    expect(await remindedOf(note)).toEqual({ carol: { period: 1, at: '2026-03-04T10:00:00.000Z', escalatedAt: undefined } });
    expect((await dueOf(note))?.gsi1sk).toBe('2026-03-06T09:00:00.000Z');
    // Another tick within the period: no second reminder.
    clock = new Date('2026-03-05T10:00:00.000Z');
    await reminders.handle(TICK);
    expect((await remindedOf(note)).carol).toMatchObject({ period: 1, at: '2026-03-04T10:00:00.000Z' });

    // Five days and an hour in (3 x 2 days is not reached: period 2): reminded again, and finance's dave asked too.
    clock = new Date('2026-03-07T10:00:00.000Z');
    await reminders.handle(TICK);
    expect(await remindedOf(note)).toEqual({
      carol: { period: 2, at: '2026-03-07T10:00:00.000Z', escalatedAt: undefined },
      dave: { period: 2, at: undefined, escalatedAt: '2026-03-07T10:00:00.000Z' },
    });
    expect((await approvals(note)).approvals.find((item) => item.approver === 'dave')).toMatchObject({
      level: 1,
      noteVersion: 3,
      owner: 'alice',
    });
    // Escalated once: from now on only reminders are due (the third at 6 days).
    expect(await dueOf(note)).toMatchObject({ escalatedAt: '2026-03-07T10:00:00.000Z', gsi1sk: '2026-03-08T09:00:00.000Z' });
    clock = new Date('2026-03-08T10:00:00.000Z');
    await reminders.handle(TICK);
    expect(Object.keys(await remindedOf(note)).sort()).toEqual(['carol', 'dave']);
    expect(await remindedOf(note)).toMatchObject({ carol: { period: 3 }, dave: { period: 3 } });
  });

  it("escalates a round of the last level to the tenant's admins", async () => {
    const note = await routedNote('ar-last', 2, [{ name: 'manager', approvers: ['carol'], from: 'level' }]);
    clock = new Date('2026-03-07T09:00:00.000Z');
    await reminders.handle(TICK);
    expect(await remindedOf(note)).toMatchObject({ carol: { period: 2 }, zoe: { escalatedAt: '2026-03-07T09:00:00.000Z' } });
  });

  it('forgets the due item of a round the note has left, and reminds nobody', async () => {
    const note = await routedNote('ar-decided', 3, [{ name: 'manager', approvers: ['carol'], from: 'level' }]);
    await putItems(stack.clients.dynamodb, table(), [{ ...note, status: 'approved', version: 4 }]);
    clock = new Date('2026-03-05T09:00:00.000Z');
    await reminders.handle(TICK);
    expect(await dueOf(note)).toBeUndefined();
    expect((await remindedOf(note)).carol).toEqual({ period: undefined, at: undefined, escalatedAt: undefined });
  });

  it("goes on with the default days when the tenant's stored approver settings no longer pass their schema", async () => {
    const note = await routedNote('ar-broken', 4, [{ name: 'manager', approvers: ['carol'], from: 'level' }]);
    const scope = scopeOf('ar-broken');
    await putItems(stack.clients.dynamodb, table(), [
      {
        ...settingsKey(scope, 'APPROVERS'),
        type: ITEM_TYPES.settings,
        tenant: 'ar-broken',
        document: 'APPROVERS',
        version: 2,
        value: { currency: 'EUR' },
      },
    ]);
    // 3 days and an hour: the default reminder (after 3 days) is due; its escalation (after 7) is not.
    clock = new Date('2026-03-05T10:00:00.000Z');
    await reminders.handle(TICK);
    expect(await remindedOf(note)).toEqual({ carol: { period: 1, at: '2026-03-05T10:00:00.000Z', escalatedAt: undefined } });
  });

  it('quarantines what is not a tick', async () => {
    expect(await reminders.deliver({ kind: 'nope' })).toMatchObject({
      outcome: 'quarantined',
      reason: 'PermanentError: The message is not a tick ({"kind":"tick"}).',
    });
  });
});
