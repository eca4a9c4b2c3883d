import { bucketName, catalog } from '@ndf/catalog';
import { tenantScope, type ChangeMessage } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail } from '../src/lib.js';
import { service } from '../src/service.js';

const PREFIX = 'audit-';
const scope = tenantScope({ tenant: 'acme', user: 'emma', roles: ['employee'] });
const noteId = '0a000000-0000-4000-8000-000000000001';
const looseReceipt = '0a000000-0000-4000-8000-0000000000aa';
let stack: SharedStack;
let auditTrail: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [service.entry] });
  auditTrail = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await auditTrail?.stop();
  await stack?.stop();
});

const trail = () =>
  readAuditTrail(
    stack.clients.s3,
    bucketName(PREFIX, 'audit'),
    scope,
    { noteId, receiptIds: [looseReceipt] },
    new AbortController().signal,
  );

const note = {
  pk: `T#acme#N#${noteId}`,
  sk: 'NOTE',
  type: 'NOTE',
  tenant: 'acme',
  noteId,
  owner: 'emma',
  status: 'received',
  version: 1,
  amount: { value: '22.00', currency: 'EUR' },
  receiptIds: [looseReceipt],
  updatedAt: '2026-03-02T19:00:00.000Z',
};
const submitted = { ...note, status: 'submitted', version: 2, updatedAt: '2026-03-02T20:00:00.000Z' };
const receipt = {
  pk: `T#acme#R#${looseReceipt}`,
  sk: `RCPT#${looseReceipt}`,
  type: 'RECEIPT',
  tenant: 'acme',
  receiptId: looseReceipt,
  uploader: 'emma',
  status: 'awaiting_upload',
  requestedAt: '2026-03-02T18:59:00.000Z',
};
const change = (eventId: string, sequenceNumber: string, itemType: string, images: Partial<ChangeMessage>): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId,
  eventName: images.oldImage ? 'MODIFY' : 'INSERT',
  itemType,
  keys: { pk: String((images.newImage ?? images.oldImage)!.pk), sk: String((images.newImage ?? images.oldImage)!.sk) },
  sequenceNumber,
  ...images,
});

describe('audit-trail', () => {
  it("keeps each change of a note and of the receipt it lists (asked for before it), readable as the note's trail in order, once per change", async () => {
    // Delivered out of order, and one of them twice: the trail is still each change once, in the order they were made.
    const submission = change('e3', '300', 'NOTE', { oldImage: note, newImage: submitted });
    await auditTrail.handle(submission);
    await auditTrail.handle(change('e2', '200', 'NOTE', { newImage: note }));
    await auditTrail.handle(change('e1', '100', 'RECEIPT', { newImage: receipt }));
    await auditTrail.handle(submission);

    const records = await trail();
    expect(records.map((record) => [record.itemType, record.event, record.status?.after, record.actor.id])).toEqual([
      ['RECEIPT', 'INSERT', 'awaiting_upload', 'emma'],
      ['NOTE', 'INSERT', 'received', 'emma'],
      ['NOTE', 'MODIFY', 'submitted', 'emma'],
    ]);
  });

  it('quarantines a change that names no tenant, with the reason, rather than keep a record nobody can find', async () => {
    const orphan = change('e9', '900', 'NOTE', { newImage: { pk: 'x', sk: 'NOTE', type: 'NOTE' } });
    expect(await auditTrail.deliver(orphan)).toMatchObject({ outcome: 'quarantined', reason: expect.stringContaining('names no tenant') });
  });
});
