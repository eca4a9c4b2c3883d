import { randomUUID } from 'node:crypto';
import { catalog, tableName } from '@ndf/catalog';
import { expenseApiDocument, openApiDocument, tenantScope, type NoteDetail } from '@ndf/contracts';
import { Contract, contractViolation, type Answer } from '@ndf/http-api';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { transitionNote } from '@ndf/note-workflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../ingest/ingest-process.js';

// The two APIs in their own processes on one stack: the expense API's actions, as the ingest
// API's GET /v1/notes/{id} shows them in the note's history. Routing is the approval workflow's
// (not running here): it is made the way that service makes it, through @ndf/note-workflow.

const PREFIX = 'expense-history-';
const contracts = {
  ingest: new Contract(openApiDocument, 'https://ndf.local/ingest-api/openapi.json'),
  expense: new Contract(expenseApiDocument, 'https://ndf.local/expense-api/openapi.json'),
};

let stack: SharedStack;
let ingest: ApiProcess;
let expense: ApiProcess;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [] });
  [ingest, expense] = await Promise.all([startApiProcess(stack, 'ingest-api'), startApiProcess(stack, 'expense-api')]);
}, 90_000);

afterAll(async () => {
  await ingest?.stop();
  await expense?.stop();
  await stack?.stop();
});

/** A request to one API, its answer checked against that API's document. */
async function call(
  api: 'ingest' | 'expense',
  method: string,
  template: string,
  path: string,
  options: { token: string; body?: unknown; headers?: Record<string, string> },
): Promise<Answer> {
  const endpoint = (api === 'ingest' ? ingest : expense).endpoint;
  const response = await fetch(`${endpoint}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const answer = { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  const violation = contractViolation(contracts[api], answer, method, template);
  if (violation !== undefined) throw new Error(violation);
  return answer;
}

const action = (noteId: string, name: string, token: string, version: number | undefined, body?: unknown) =>
  call('expense', 'POST', `/v1/notes/{id}/${name}`, `/v1/notes/${noteId}/${name}`, {
    token,
    body,
    headers: { 'idempotency-key': randomUUID(), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) },
  });

it("shows the expense API's decisions in the note's history on the ingest API: who, when and why", async () => {
  const mint = (user: string, roles: string[]) => stack.issuer.mint({ tenant: 'acme', user, roles });
  const [alice, carol, dave] = await Promise.all([mint('alice', ['employee']), mint('carol', ['approver']), mint('dave', ['approver'])]);
  const created = await call('ingest', 'POST', '/v1/notes', '/v1/notes', {
    token: alice,
    body: { date: '2024-03-12', amount: { value: '42.50', currency: 'EUR' }, merchant: 'Café de la Gare', category: 'meals' },
    headers: { 'idempotency-key': randomUUID() },
  });
  const noteId = (created.body as { id: string }).id;

  expect((await action(noteId, 'submit', alice, 1)).status).toBe(200);
  const routed = await transitionNote(
    stack.clients.dynamodb,
    tableName(PREFIX, 'notes'),
    tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] }),
    {
      noteId,
      action: 'route',
      to: 'awaiting_approval',
      actor: { service: 'approval-workflow' },
      fields: { approvalLevels: 2 },
      requestId: randomUUID(),
    },
    new AbortController().signal,
  );
  expect(routed).toMatchObject({ result: 'applied', version: 3 });
  const partly = { approvedAmount: { value: '30.00', currency: 'EUR' }, reason: 'The taxi to the station is not covered.' };
  expect((await action(noteId, 'approve', carol, 3, partly)).status).toBe(200);
  expect((await action(noteId, 'request-changes', dave, 4, { comment: 'Name who attended the meal.' })).status).toBe(200);

  const read = await call('ingest', 'GET', '/v1/notes/{id}', `/v1/notes/${noteId}`, { token: alice });
  expect(read.status).toBe(200);
  expect(read.headers.get('etag')).toBe('"5"');
  const detail = read.body as NoteDetail;
  expect(detail).toMatchObject({ status: 'needs_changes', version: 5, approvedAmount: partly.approvedAmount });
  expect(detail.history.map(({ at: _at, ...entry }) => entry)).toEqual([
    { action: 'submit', from: 'received', to: 'submitted', version: 2, actor: { kind: 'user', id: 'alice', role: 'owner' } },
    { action: 'route', from: 'submitted', to: 'awaiting_approval', version: 3, actor: { kind: 'service', id: 'approval-workflow' } },
    {
      action: 'approve',
      from: 'awaiting_approval',
      to: 'awaiting_approval',
      version: 4,
      actor: { kind: 'user', id: 'carol', role: 'approver' },
      reason: partly.reason,
      details: { level: 1, approvedAmount: partly.approvedAmount },
    },
    {
      action: 'ask_changes',
      from: 'awaiting_approval',
      to: 'needs_changes',
      version: 5,
      actor: { kind: 'user', id: 'dave', role: 'approver' },
      comment: 'Name who attended the meal.',
      details: { level: 2 },
    },
  ]);
  for (const entry of detail.history) expect(Date.parse(entry.at)).not.toBeNaN();
});
