import type { ChangeMessage } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { auditRecordOf } from '../src/audit-record.js';

const note = {
  pk: 'T#acme#N#n1',
  sk: 'NOTE',
  type: 'NOTE',
  tenant: 'acme',
  noteId: 'n1',
  owner: 'emma',
  status: 'received',
  version: 1,
  date: '2026-03-02',
  amount: { value: '22.00', currency: 'EUR' },
  comment: 'Dinner with Jo Bloggs',
  updatedAt: '2026-03-02T19:00:00.000Z',
  correlationId: 'c-1',
};

const change = (eventName: ChangeMessage['eventName'], itemType: string, images: Partial<ChangeMessage>): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: `ev-${eventName}`,
  eventName,
  itemType,
  keys: { pk: 'T#acme#N#n1', sk: 'NOTE' },
  sequenceNumber: '4200',
  changedAt: '2026-03-02T19:00:00.000Z',
  ...images,
});

describe('the audit record of a change', () => {
  it("records a correction's changed fields before and after, by the note's owner, and only that a personal field changed", () => {
    const corrected = {
      ...note,
      version: 2,
      amount: { value: '24.00', currency: 'EUR' },
      comment: 'Dinner with the Bloggs family',
      updatedAt: '2026-03-03T08:00:00.000Z',
    };
    expect(auditRecordOf(change('MODIFY', 'NOTE', { oldImage: note, newImage: corrected }))).toEqual({
      tenant: 'acme',
      noteId: 'n1',
      itemType: 'NOTE',
      event: 'MODIFY',
      at: '2026-03-03T08:00:00.000Z',
      actor: { kind: 'user', id: 'emma' },
      changes: [
        { field: 'amount', before: { value: '22.00', currency: 'EUR' }, after: { value: '24.00', currency: 'EUR' } },
        { field: 'comment', personal: true },
      ],
      correlationId: 'c-1',
      eventId: 'ev-MODIFY',
      sequenceNumber: '4200',
    });
  });

  it('records a workflow step with its actor, the statuses and the reason given', () => {
    const step = {
      pk: 'T#acme#N#n1',
      sk: 'HIST#0000000003',
      type: 'HISTORY',
      tenant: 'acme',
      noteId: 'n1',
      from: 'awaiting_approval',
      to: 'needs_changes',
      action: 'ask_changes',
      actor: { kind: 'user', id: 'paul', role: 'approver' },
      at: '2026-03-04T10:00:00.000Z',
      comment: 'Attach the hotel invoice.',
    };
    expect(auditRecordOf(change('INSERT', 'HISTORY', { newImage: step }))).toMatchObject({
      itemType: 'HISTORY',
      at: '2026-03-04T10:00:00.000Z',
      actor: { kind: 'user', id: 'paul' },
      status: { before: 'awaiting_approval', after: 'needs_changes' },
      action: 'ask_changes',
      reason: 'Attach the hotel invoice.',
      changes: [],
    });
  });

  it("records a receipt's upload as its uploader's, its reading as the platform's, and a removal by its old image", () => {
    const asked = {
      pk: 'T#acme#N#n1',
      sk: 'RCPT#r1',
      type: 'RECEIPT',
      tenant: 'acme',
      receiptId: 'r1',
      noteId: 'n1',
      uploader: 'emma',
      status: 'awaiting_upload',
    };
    const uploaded = { ...asked, status: 'uploaded', sha256: 'ab', stepAt: '2026-03-02T19:01:00.000Z' };
    const processed = { ...uploaded, status: 'processed', stepAt: '2026-03-02T19:01:09.000Z', redrives: 0 };
    expect(auditRecordOf(change('MODIFY', 'RECEIPT', { oldImage: asked, newImage: uploaded }))).toMatchObject({
      receiptId: 'r1',
      noteId: 'n1',
      actor: { kind: 'user', id: 'emma' },
      status: { before: 'awaiting_upload', after: 'uploaded' },
      changes: [{ field: 'sha256', after: 'ab' }],
    });
    expect(auditRecordOf(change('MODIFY', 'RECEIPT', { oldImage: uploaded, newImage: processed }))).toMatchObject({
      actor: { kind: 'platform', id: 'receipt-pipeline' },
      status: { before: 'uploaded', after: 'processed' },
      changes: [],
    });
    expect(auditRecordOf(change('REMOVE', 'NOTE', { oldImage: note }))).toMatchObject({
      event: 'REMOVE',
      noteId: 'n1',
      status: { before: 'received' },
    });
  });

  it('has nothing to record of an item that names no tenant', () => {
    expect(auditRecordOf(change('INSERT', 'NOTE', { newImage: { pk: 'x', sk: 'NOTE' } }))).toBeUndefined();
  });

  it("records an erasure as the retention keeper's, naming the fields changed without their values, on a note and on a workflow step", () => {
    const erased = {
      ...note,
      owner: 'erased-5f2c',
      gsi1pk: 'T#acme#U#erased-5f2c',
      attendees: ['attendee 1'],
      erasure: { at: '2036-01-02T03:00:00.000Z' },
    } as Record<string, unknown>;
    delete erased.comment;
    const record = auditRecordOf(change('MODIFY', 'NOTE', { oldImage: { ...note, attendees: ['Jo Bloggs'] }, newImage: erased }));
    expect(record).toEqual({
      tenant: 'acme',
      noteId: 'n1',
      itemType: 'NOTE',
      event: 'MODIFY',
      at: '2036-01-02T03:00:00.000Z',
      actor: { kind: 'service', id: 'retention-keeper' },
      action: 'erase',
      changes: [
        { field: 'attendees', personal: true },
        { field: 'comment', personal: true },
        { field: 'owner', personal: true },
      ],
      eventId: 'ev-MODIFY',
      sequenceNumber: '4200',
    });
    expect(JSON.stringify(record)).not.toMatch(/emma|erased-5f2c|Bloggs/);

    const step = {
      pk: 'T#acme#N#n1',
      sk: 'HIST#0000000002',
      type: 'HISTORY',
      tenant: 'acme',
      noteId: 'n1',
      version: 2,
      action: 'submit',
      from: 'received',
      to: 'submitted',
      actor: { kind: 'user', id: 'emma', role: 'owner' },
      at: '2026-03-03T08:00:00.000Z',
      requestId: 'r1',
    };
    const erasedStep = { ...step, actor: { kind: 'user', id: 'erased-5f2c', role: 'owner' }, erasure: { at: '2036-01-02T03:00:00.000Z' } };
    const stepRecord = auditRecordOf(change('MODIFY', 'HISTORY', { oldImage: step, newImage: erasedStep }));
    expect(stepRecord).toMatchObject({
      actor: { kind: 'service', id: 'retention-keeper' },
      action: 'erase',
      changes: [{ field: 'actor', personal: true }],
    });
    expect(JSON.stringify(stepRecord)).not.toMatch(/emma|erased-5f2c/);
    // A later change of an erased note is recorded as usual.
    const paid = { ...erased, status: 'paid', updatedAt: '2036-02-01T00:00:00.000Z' };
    expect(auditRecordOf(change('MODIFY', 'NOTE', { oldImage: erased, newImage: paid }))).toMatchObject({
      actor: { kind: 'user', id: 'erased-5f2c' },
      status: { before: 'received', after: 'paid' },
    });
  });
});
