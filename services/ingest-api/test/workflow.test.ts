import { tableName } from '@ndf/catalog';
import { tenantScope, type Note, type NoteDetail } from '@ndf/contracts';
import { transitionNote, type TransitionRequest } from '@ndf/note-workflow';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

// The workflow's transitions are made by the other API and the services (through @ndf/note-workflow);
// the ingest API shows them on the note, and lets the owner correct a note sent back for changes.
let ingest: IngestUnderTest;
let owner: string;
let approver: string;
const scope = tenantScope({ tenant: 'acme', user: 'olga', roles: ['employee'] });
const signal = new AbortController().signal;

beforeAll(async () => {
  ingest = await startIngest('ingest-workflow-');
  owner = await ingest.token({ user: 'olga' });
  approver = await ingest.token({ user: 'paul', roles: ['employee', 'approver'] });
});
afterAll(async () => ingest?.stop());

async function newNote(): Promise<string> {
  const answer = await ingest.call('POST', '/v1/notes', '/v1/notes', {
    token: owner,
    body: noteBody(),
    headers: { 'idempotency-key': randomUUID() },
  });
  return (answer.body as Note).id;
}
async function move(noteId: string, request: Omit<TransitionRequest, 'noteId' | 'requestId'>): Promise<void> {
  const table = tableName(ingest.stack.config.prefix, 'notes');
  const result = await transitionNote(ingest.stack.clients.dynamodb, table, scope, { noteId, requestId: randomUUID(), ...request }, signal);
  expect(result).toMatchObject({ result: 'applied' });
}
const submitAndRoute = async (noteId: string) => {
  await move(noteId, { action: 'submit', actor: { user: 'olga', roles: ['employee'] }, now: new Date('2026-11-02T08:00:00.000Z') });
  await move(noteId, {
    action: 'route',
    to: 'awaiting_approval',
    actor: { service: 'approval-workflow' },
    fields: { approvalLevels: 2 },
    now: new Date('2026-11-02T08:00:05.000Z'),
  });
};
const read = (noteId: string, token = owner) => ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${noteId}`, { token });
const patch = (noteId: string, version: number, token = owner) =>
  ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${noteId}`, {
    token,
    body: { comment: 'Attendees: Olga, a client' },
    headers: { 'if-match': `"${version}"` },
  });

describe("a note's workflow on the ingest API", () => {
  it('shows every transition, oldest first, with who, when and why (an empty history for a new note)', async () => {
    const noteId = await newNote();
    expect((await read(noteId)).body).toMatchObject({ history: [] });
    await submitAndRoute(noteId);
    await move(noteId, {
      action: 'approve',
      to: 'awaiting_approval',
      actor: { user: 'paul', roles: ['approver'] },
      expectedVersion: 3,
      reason: 'The taxi is not covered.',
      details: { approvedAmount: { value: '30.00', currency: 'EUR' } },
      now: new Date('2026-11-03T10:15:00.000Z'),
    });
    await move(noteId, {
      action: 'ask_changes',
      actor: { user: 'rita', roles: ['approver'] },
      expectedVersion: 4,
      comment: 'Name who attended the meal.',
      now: new Date('2026-11-04T16:40:00.000Z'),
    });
    // The answer is checked against the OpenAPI document by ingest.call; an approver reads it too.
    for (const token of [owner, approver]) {
      const answer = await read(noteId, token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).toBe('"5"');
      expect((answer.body as NoteDetail).history).toEqual([
        {
          action: 'submit',
          from: 'received',
          to: 'submitted',
          version: 2,
          actor: { kind: 'user', id: 'olga', role: 'owner' },
          at: '2026-11-02T08:00:00.000Z',
        },
        {
          action: 'route',
          from: 'submitted',
          to: 'awaiting_approval',
          version: 3,
          actor: { kind: 'service', id: 'approval-workflow' },
          at: '2026-11-02T08:00:05.000Z',
        },
        {
          action: 'approve',
          from: 'awaiting_approval',
          to: 'awaiting_approval',
          version: 4,
          actor: { kind: 'user', id: 'paul', role: 'approver' },
          at: '2026-11-03T10:15:00.000Z',
          reason: 'The taxi is not covered.',
          details: { approvedAmount: { value: '30.00', currency: 'EUR' } },
        },
        {
          action: 'ask_changes',
          from: 'awaiting_approval',
          to: 'needs_changes',
          version: 5,
          actor: { kind: 'user', id: 'rita', role: 'approver' },
          at: '2026-11-04T16:40:00.000Z',
          comment: 'Name who attended the meal.',
        },
      ]);
    }
  });

  it('lets the owner correct a note sent back for changes, as a draft; not once submitted, nor anyone else, nor delete it', async () => {
    const noteId = await newNote();
    await submitAndRoute(noteId);
    expect(await patch(noteId, 3)).toMatchObject({ status: 409, body: { code: 'not_editable' } });
    await move(noteId, {
      action: 'ask_changes',
      actor: { user: 'paul', roles: ['approver'] },
      expectedVersion: 3,
      comment: 'Name who attended the meal.',
    });
    expect(await patch(noteId, 4, approver)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await patch(noteId, 3)).toMatchObject({ status: 412, body: { code: 'version_mismatch' } });
    const corrected = await patch(noteId, 4);
    expect(corrected).toMatchObject({ status: 200, body: { status: 'needs_changes', version: 5, comment: 'Attendees: Olga, a client' } });
    expect(corrected.headers.get('etag')).toBe('"5"');
    const deletion = await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${noteId}`, { token: owner });
    expect(deletion).toMatchObject({ status: 409, body: { code: 'not_editable' } });
    expect((await read(noteId)).body).toMatchObject({ status: 'needs_changes', version: 5 });
    // Submitted again from there, the corrected note is no longer the owner's to change.
    await move(noteId, { action: 'submit', actor: { user: 'olga', roles: ['employee'] } });
    expect(await patch(noteId, 6)).toMatchObject({ status: 409, body: { code: 'not_editable' } });
  });
});
