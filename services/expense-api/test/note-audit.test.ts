import { randomUUID } from 'node:crypto';
import { appendRecord, auditRecordOf } from '@ndf/audit-records';
import { bucketName } from '@ndf/catalog';
import type { AuditTrailView, ChangeMessage, Problem } from '@ndf/contracts';
import { testNoteItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

const PREFIX = 'expense-audit-';
// The emulator's tables and buckets outlive a run: each run's tenant is its own.
const tenant = `acme-${randomUUID().slice(0, 8)}`;
const noteId = randomUUID();
let expense: ExpenseUnderTest;

const draft = {
  ...testNoteItem(tenant, noteId, { owner: 'emma', comment: 'Dinner with a client' }),
  updatedAt: '2026-03-02T19:00:00.000Z',
};
const corrected = {
  ...draft,
  amount: { value: '48.60', currency: 'EUR' },
  comment: 'Dinner with two clients',
  version: 2,
  updatedAt: '2026-03-02T19:30:00.000Z',
};
const submission = {
  pk: draft.pk,
  sk: 'HIST#0000000003',
  type: 'HISTORY',
  tenant,
  noteId,
  version: 3,
  action: 'submit',
  from: 'received',
  to: 'submitted',
  actor: { kind: 'user', id: 'emma', role: 'employee' },
  at: '2026-03-02T20:00:00.000Z',
};

const change = (eventId: string, sequenceNumber: string, itemType: string, images: Partial<ChangeMessage>): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId,
  eventName: images.oldImage ? 'MODIFY' : 'INSERT',
  itemType,
  keys: { pk: draft.pk, sk: String(images.newImage!.sk) },
  sequenceNumber,
  ...images,
});

beforeAll(async () => {
  expense = await startExpense(PREFIX);
  await expense.putNote(noteId, { tenant, owner: 'emma', status: 'submitted', version: 3 });
  // The records as the audit trail writes them, from the stream's changes.
  for (const message of [
    change('e1', '100', 'NOTE', { newImage: draft }),
    change('e2', '200', 'NOTE', { oldImage: draft, newImage: corrected }),
    change('e3', '300', 'HISTORY', { newImage: submission }),
  ])
    await appendRecord(expense.stack.clients.s3, bucketName(PREFIX, 'audit'), auditRecordOf(message)!, AbortSignal.timeout(5_000));
});
afterAll(async () => expense?.stop());

async function trail(user: string, roles: string[], id = noteId, inTenant = tenant) {
  const answer = await expense.call('GET', '/v1/notes/{id}/audit', `/v1/notes/${id}/audit`, {
    token: await expense.token({ tenant: inTenant, user, roles }),
  });
  return { status: answer.status, body: answer.body as AuditTrailView & Problem };
}

describe('GET /v1/notes/{id}/audit', () => {
  it("answers the owner the note's changes, who and when, oldest first, without the comment's words", async () => {
    const { status, body } = await trail('emma', ['employee']);
    expect(status).toBe(200);
    expect(body.noteId).toBe(noteId);
    expect(body.records.map((record) => [record.at, record.itemType, record.event, record.actor.id, record.action])).toEqual([
      ['2026-03-02T19:00:00.000Z', 'NOTE', 'INSERT', 'emma', undefined],
      ['2026-03-02T19:30:00.000Z', 'NOTE', 'MODIFY', 'emma', undefined],
      ['2026-03-02T20:00:00.000Z', 'HISTORY', 'INSERT', 'emma', 'submit'],
    ]);
    expect(body.records[1]!.changes).toEqual([
      { field: 'amount', before: { value: '42.50', currency: 'EUR' }, after: { value: '48.60', currency: 'EUR' } },
      { field: 'comment', personal: true },
    ]);
    expect(body.records[2]!.status).toEqual({ before: 'received', after: 'submitted' });
    expect(JSON.stringify(body)).not.toContain('client');
  });

  it("answers the tenant's approvers, accountants and admins as GET /v1/notes/{id} does", async () => {
    for (const role of ['approver', 'accountant', 'admin']) {
      const { status, body } = await trail('someone', [role]);
      expect(status, role).toBe(200);
      expect(body.records, role).toHaveLength(3);
    }
  });

  it('hides the note from another employee, another tenant, and a note that does not exist (404)', async () => {
    expect((await trail('felix', ['employee'])).status).toBe(404);
    expect((await trail('emma', ['admin'], noteId, `other-${tenant}`)).status).toBe(404);
    const missing = await trail('emma', ['admin'], randomUUID());
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });

  it('answers 404 for a path whose id is not a note id: no route, no read', async () => {
    const answer = await expense.call('GET', '/v1/notes/{id}/audit', '/v1/notes/not-an-id/audit', {
      token: await expense.token({ tenant, user: 'emma', roles: ['employee'] }),
    });
    expect(answer.status).toBe(404);
  });
});
