import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { service as approvalWorkflow } from '@ndf/approval-workflow';
import { apiEntry, catalog, tableName } from '@ndf/catalog';
import { expenseApiDocument, noteKey, stageKey, tenantScope, type ApprovalPage, type NoteItem } from '@ndf/contracts';
import { expenseApp, type ExpenseApp } from '@ndf/expense-api/app';
import { Contract } from '@ndf/http-api';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readNoteHistory, transitionNote } from '@ndf/note-workflow';
import { writeSettings } from '@ndf/tenant-settings';
import {
  changeOf,
  putItems,
  readItem,
  startApiUnderTest,
  startServiceUnderTest,
  testNoteItem,
  type ApiUnderTest,
  type ServiceUnderTest,
} from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The approval workflow routes a note; the approvers see it in the expense API's queue (GET /v1/approvals), its handler behind the gateway stand-in.
const PREFIX = 'approvals-queue-';
const signal = new AbortController().signal;
let stack: SharedStack;
let workflow: ServiceUnderTest;
let api: ApiUnderTest<keyof typeof expenseApiDocument.paths>;
let app: ExpenseApp;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [approvalWorkflow.entry] });
  workflow = await startServiceUnderTest(approvalWorkflow, stack);
  // The app of the Lambda handler, built with this stack's endpoints and table names instead of the process's environment.
  app = expenseApp(stack.environment(), { clock: () => new Date(), log: () => undefined, metrics: () => undefined });
  // The emulator's first query of the index can outlast the handler's 1-second SDK timeout while the JVM warms up.
  await stack.clients.dynamodb.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: marshall({ ':queue': 'T#warm-up#APPROVER#nobody' }),
    }),
  );
  api = await startApiUnderTest({
    stack,
    entry: apiEntry('expense-api'),
    handler: app.handle,
    contract: new Contract(expenseApiDocument, 'https://ndf.local/system-tests/expense-api.json'),
  });
});
afterAll(async () => {
  await api?.stop();
  app?.destroy();
  await workflow?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const TENANT = 'aq-acme';
const scope = tenantScope({ tenant: TENANT, user: 'test', roles: [] });
const eur = (value: string) => ({ value, currency: 'EUR' });

async function queueOf(approver: string): Promise<ApprovalPage['items']> {
  const token = await api.token({ tenant: TENANT, user: approver, roles: ['approver'] });
  const answer = await api.call('GET', '/v1/approvals', '/v1/approvals', { token });
  expect(answer.status).toBe(200);
  return (answer.body as ApprovalPage).items;
}

describe("a routed note in its approvers' queues", () => {
  it('is in the queue of the level-1 approver and of their delegate during an absence, and leaves both once approved', async () => {
    const written = await writeSettings(
      stack.clients.dynamodb,
      table(),
      tenantScope({ tenant: TENANT, user: 'zoe', roles: ['admin'] }),
      'APPROVERS',
      {
        currency: 'EUR',
        teams: [],
        levels: [{ name: 'manager', rules: [{ approvers: ['carol'] }] }],
        // Carol is away for a long while around the run's day: erin decides in her place.
        delegations: [{ from: 'carol', to: 'erin', start: '2000-01-01', end: '2999-12-31' }],
        reminderAfterDays: 3,
        escalateAfterDays: 7,
      },
      0,
      signal,
    );
    expect(written.outcome).toBe('written');
    const noteId = '0d000000-0000-4000-8000-000000000001';
    const note: NoteItem = testNoteItem(TENANT, noteId, {
      status: 'submitted',
      version: 2,
      date: '2026-03-12',
      amount: eur('42.50'),
      category: 'restaurant',
      merchant: 'Café de la Gare',
    });
    const stage = (service: string, outcome: Record<string, unknown>) => ({
      ...stageKey(scope, service, { noteId }),
      type: 'STAGE',
      tenant: TENANT,
      service,
      noteId,
      noteVersion: 2,
      status: 'succeeded',
      outcome,
      updatedAt: '2026-03-13T09:00:00.000Z',
    });
    await putItems(stack.clients.dynamodb, table(), [
      note,
      stage('policy-checker', {
        blocking: false,
        violations: [],
        amounts: { claimed: eur('42.50'), allowed: eur('42.50'), refused: eur('0.00') },
        amountFrom: 'note',
        policyVersion: 0,
      }),
      stage('vat-calculator', { source: 'none' }),
    ]);
    await workflow.handle(changeOf(note));

    const expected = {
      noteId,
      owner: 'alice',
      level: 1,
      noteVersion: 3,
      date: '2026-03-12',
      amount: eur('42.50'),
      merchant: 'Café de la Gare',
      category: 'restaurant',
    };
    expect(await queueOf('carol')).toEqual([expect.objectContaining(expected)]);
    expect(await queueOf('erin')).toEqual([expect.objectContaining(expected)]);
    expect(await queueOf('alice')).toEqual([]);

    const result = await transitionNote(
      stack.clients.dynamodb,
      table(),
      scope,
      {
        noteId,
        action: 'approve',
        to: 'approved',
        actor: { user: 'erin', roles: ['approver'] },
        expectedVersion: 3,
        requestId: 'approve-1',
      },
      signal,
    );
    expect(result).toMatchObject({ result: 'applied', status: 'approved' });
    const { history } = await readNoteHistory(stack.clients.dynamodb, table(), scope, noteId, signal);
    await workflow.handle(changeOf(history.at(-1)!));
    expect(await queueOf('carol')).toEqual([]);
    expect(await queueOf('erin')).toEqual([]);
    expect(await readItem(stack.clients.dynamodb, table(), noteKey(scope, noteId))).toMatchObject({ status: 'approved', version: 4 });
  });
});
