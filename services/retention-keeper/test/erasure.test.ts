import { catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  InvalidScopeError,
  approvalKey,
  historyKey,
  listingSortKey,
  noteKey,
  ownerListing,
  receiptKey,
  tenantScope,
  type NoteItem,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { placeHold, readErasure, readErasureItem, releaseHold, requestErasure } from '@ndf/retention';
import { putItems, readItem, testNoteItem, testReceiptItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveErasure, erasuresToDrive, type ErasureDriver } from '../src/drive-erasure.js';

const PREFIX = 'retention-erasure-';
const TENANT = 'acme-erasure';
const scope = tenantScope({ tenant: TENANT, user: 'hr-admin', roles: ['admin'] });
const dave = tenantScope({ tenant: TENANT, user: 'dave', roles: ['employee'] });
const erin = tenantScope({ tenant: TENANT, user: 'erin', roles: ['employee'] });
const dinner = '0e000000-0000-4000-8000-000000000001';
const train = '0e000000-0000-4000-8000-000000000002';
const disputed = '0e000000-0000-4000-8000-000000000003';
const erins = '0e000000-0000-4000-8000-000000000004';
const dinnerReceipt = '0e000000-0000-4000-8000-0000000000a1';
const looseReceipt = '0e000000-0000-4000-8000-0000000000a2';
const disputedReceipt = '0e000000-0000-4000-8000-0000000000a3';
const SHA = 'c0ffee'.repeat(10) + 'c0ff';

let stack: SharedStack;
beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const read = (key: { pk: string; sk: string }) => readItem(stack.clients.dynamodb, table(), key);

function note(noteId: string, owner: string, fields: Partial<NoteItem>): NoteItem {
  const item = testNoteItem(TENANT, noteId, { owner, status: 'paid', ...fields });
  return { ...item, gsi1pk: ownerListing(owner === 'dave' ? dave : erin), gsi1sk: listingSortKey(item.date, noteId) };
}

const receipt = (receiptId: string, noteId: string | undefined, fileName: string) => ({
  ...testReceiptItem(TENANT, receiptId, { ...(noteId ? { noteId } : {}), extracted: { totalInclVat: '84.00', merchant: 'Le Bistrot' } }),
  uploader: 'dave',
  fileName,
  sha256: SHA,
  size: 2048,
  objectVersionId: 'v1',
  uploadedAt: '2026-03-02T19:05:00.000Z',
});

async function seed(): Promise<void> {
  await putItems(stack.clients.dynamodb, table(), [
    note(dinner, 'dave', {
      date: '2026-03-02',
      amount: { value: '84.00', currency: 'EUR' },
      merchant: 'Le Bistrot',
      category: 'meals',
      comment: 'Dinner with Jeanne Martin (Client SA) about the renewal',
      attendees: ['Dave Durand', 'Jeanne Martin'],
      vatLines: [{ rate: '10', amount: '7.64' }],
      receiptIds: [dinnerReceipt],
    }),
    receipt(dinnerReceipt, dinner, 'Diner Jeanne Martin.JPG'),
    {
      ...historyKey(dave, dinner, 2),
      type: ITEM_TYPES.history,
      tenant: TENANT,
      noteId: dinner,
      version: 2,
      action: 'submit',
      from: 'received',
      to: 'submitted',
      actor: { kind: 'user', id: 'dave', role: 'owner' },
      at: '2026-03-03T08:00:00.000Z',
      requestId: 'r1',
    },
    {
      ...historyKey(dave, dinner, 3),
      type: ITEM_TYPES.history,
      tenant: TENANT,
      noteId: dinner,
      version: 3,
      action: 'ask_changes',
      from: 'awaiting_approval',
      to: 'needs_changes',
      actor: { kind: 'user', id: 'frank', role: 'approver' },
      at: '2026-03-04T08:00:00.000Z',
      requestId: 'r2',
      comment: 'Dave, name who was there',
    },
    {
      ...approvalKey(dave, dinner, 'frank'),
      type: ITEM_TYPES.approval,
      tenant: TENANT,
      noteId: dinner,
      approver: 'frank',
      owner: 'dave',
      level: 1,
      noteVersion: 4,
      requestedAt: '2026-03-05T08:00:00.000Z',
      gsi1pk: `T#${TENANT}#APPROVER#frank`,
      gsi1sk: `2026-03-05T08:00:00.000Z#${dinner}`,
      date: '2026-03-02',
      amount: { value: '84.00', currency: 'EUR' },
    },
    // A receipt uploaded before its note: in its own partition, listed by the note.
    note(train, 'dave', {
      date: '2026-03-05',
      merchant: 'SNCF',
      category: 'train',
      comment: 'Lyon, my sister’s wedding weekend after',
      receiptIds: [looseReceipt],
    }),
    receipt(looseReceipt, undefined, 'billet.pdf'),
    note(disputed, 'dave', {
      date: '2026-03-08',
      merchant: 'Hotel Lutetia',
      category: 'hotel',
      comment: 'Contested by the employee',
      receiptIds: [disputedReceipt],
    }),
    receipt(disputedReceipt, disputed, 'facture Dave Durand.pdf'),
    note(erins, 'erin', { date: '2026-03-02', comment: 'Erin’s own comment', attendees: ['Erin Roux'] }),
  ]);
}

let pseudonyms = 0;
const driver = (): ErasureDriver => ({
  dynamodb: stack.clients.dynamodb,
  table: table(),
  now: () => new Date('2026-06-01T09:00:00.000Z'),
  newPseudonym: () => `erased-test-${++pseudonyms}`,
  // One note per step, so that the request is driven across several steps.
  notesPerStep: 1,
});

async function step(requestId: string) {
  const item = await readErasureItem(stack.clients.dynamodb, table(), scope, requestId);
  return driveErasure(driver(), item!, new AbortController().signal);
}

describe('erasure of a departed employee', () => {
  it('pseudonymises their notes step by step, keeps what accounting law requires, leaves a held note as it is until its hold is released, and forgets the pseudonym', async () => {
    await seed();
    await placeHold(stack.clients.dynamodb, table(), scope, {
      holdId: 'lutetia-dispute',
      scope: { kind: 'note', noteId: disputed },
      reason: 'Prud’hommes case 26/0142',
      placedBy: 'legal-counsel',
      placedAt: '2026-05-20T10:00:00.000Z',
    });
    const request = { requestId: 'erase-dave', employee: 'dave', requestedBy: 'hr-admin', requestedAt: '2026-06-01T08:00:00.000Z' };
    expect(await requestErasure(stack.clients.dynamodb, table(), scope, request)).toBe('requested');
    expect(await requestErasure(stack.clients.dynamodb, table(), scope, request)).toBe('already-requested');
    expect((await erasuresToDrive(stack.clients.dynamodb, table(), 10, new AbortController().signal)).map((e) => e.requestId)).toEqual([
      'erase-dave',
    ]);

    // Three notes, one a step: the pass ends on the fourth step (the listing's last page), the held note left.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await step('erase-dave'));
    expect(statuses.at(-1)).toBe('waiting_for_holds');
    const running = await readErasureItem(stack.clients.dynamodb, table(), scope, 'erase-dave');
    const pseudonym = running!.pseudonym!;
    expect(pseudonym).toBe('erased-test-1');
    expect(await readErasure(stack.clients.dynamodb, table(), scope, 'erase-dave')).toEqual({
      ...request,
      status: 'waiting_for_holds',
      notesErased: 2,
      receiptsErased: 2,
      // dinner: note, receipt, two workflow steps, approval; train: note, receipt.
      itemsChanged: 7,
      heldBack: [{ noteId: disputed, holdId: 'lutetia-dispute' }],
      startedAt: '2026-06-01T09:00:00.000Z',
    });

    const erased = await read(noteKey(scope, dinner));
    expect(erased).toMatchObject({
      owner: pseudonym,
      gsi1pk: `T#${TENANT}#U#${pseudonym}`,
      attendees: ['attendee 1', 'attendee 2'],
      date: '2026-03-02',
      amount: { value: '84.00', currency: 'EUR' },
      merchant: 'Le Bistrot',
      category: 'meals',
      vatLines: [{ rate: '10', amount: '7.64' }],
      status: 'paid',
      erasure: { at: '2026-06-01T09:00:00.000Z' },
    });
    expect(erased).not.toHaveProperty('comment');
    expect(JSON.stringify(erased)).not.toMatch(/dave|Martin|Durand/i);
    expect(await read(receiptKey(scope, dinnerReceipt, dinner))).toMatchObject({
      uploader: pseudonym,
      fileName: `receipt-${dinnerReceipt}.jpg`,
      sha256: SHA,
      size: 2048,
      objectVersionId: 'v1',
      objectKey: `tenants/${TENANT}/notes/${dinner}/receipts/${dinnerReceipt}`,
      extracted: { totalInclVat: { value: '84.00', confidence: 0.9 }, merchant: { value: 'Le Bistrot', confidence: 0.9 } },
    });
    expect(await read(receiptKey(scope, looseReceipt))).toMatchObject({
      uploader: pseudonym,
      fileName: `receipt-${looseReceipt}.pdf`,
      sha256: SHA,
    });
    expect(await read(historyKey(scope, dinner, 2))).toMatchObject({
      actor: { kind: 'user', id: pseudonym, role: 'owner' },
      action: 'submit',
    });
    const askChanges = await read(historyKey(scope, dinner, 3));
    expect(askChanges).toMatchObject({ actor: { kind: 'user', id: 'frank', role: 'approver' } });
    expect(askChanges).not.toHaveProperty('comment');
    expect(await read(approvalKey(scope, dinner, 'frank'))).toMatchObject({ owner: pseudonym, approver: 'frank' });
    // One pseudonym for all the employee's notes: the tenant's figures per employee still add up.
    expect(await read(noteKey(scope, train))).toMatchObject({ owner: pseudonym, merchant: 'SNCF' });

    // The held note, and another employee's, are exactly as they were.
    expect(await read(noteKey(scope, disputed))).toMatchObject({
      owner: 'dave',
      comment: 'Contested by the employee',
      gsi1pk: `T#${TENANT}#U#dave`,
    });
    expect(await read(receiptKey(scope, disputedReceipt, disputed))).toMatchObject({
      uploader: 'dave',
      fileName: 'facture Dave Durand.pdf',
    });
    expect(await read(noteKey(scope, erins))).toMatchObject({ owner: 'erin', comment: 'Erin’s own comment', attendees: ['Erin Roux'] });

    // While the hold stands, a step changes nothing.
    expect(await step('erase-dave')).toBe('waiting_for_holds');
    expect((await readErasure(stack.clients.dynamodb, table(), scope, 'erase-dave'))!.notesErased).toBe(2);

    await releaseHold(stack.clients.dynamodb, table(), scope, {
      holdId: 'lutetia-dispute',
      releasedBy: 'legal-counsel',
      releasedAt: '2026-09-01T00:00:00.000Z',
    });
    expect(await step('erase-dave')).toBe('completed');
    expect(await read(noteKey(scope, disputed))).toMatchObject({ owner: pseudonym });
    const done = await readErasureItem(stack.clients.dynamodb, table(), scope, 'erase-dave');
    expect(done).toMatchObject({
      status: 'completed',
      notesErased: 3,
      receiptsErased: 3,
      itemsChanged: 9,
      heldBack: [],
      completedAt: '2026-06-01T09:00:00.000Z',
    });
    // Nothing left links the pseudonym to the employee, and the request leaves the keeper's list.
    expect(JSON.stringify(done)).not.toContain(pseudonym);
    expect(done).not.toHaveProperty('gsi1pk');
    expect(await erasuresToDrive(stack.clients.dynamodb, table(), 10, new AbortController().signal)).toEqual([]);
  });

  it('counts each note once when two runs start from the same read, when a step repeats, and after a stop between a note’s items and the note', async () => {
    const noteId = '0e000000-0000-4000-8000-000000000010';
    const receiptId = '0e000000-0000-4000-8000-0000000000b1';
    const gina = tenantScope({ tenant: TENANT, user: 'gina', roles: ['employee'] });
    const item = testNoteItem(TENANT, noteId, { owner: 'gina', comment: 'taxi home', receiptIds: [receiptId] });
    const ginasReceipt = { ...receipt(receiptId, noteId, 'taxi.png'), uploader: 'gina' };
    await putItems(stack.clients.dynamodb, table(), [
      { ...item, gsi1pk: ownerListing(gina), gsi1sk: listingSortKey(item.date, noteId) },
      ginasReceipt,
    ]);
    const request = { requestId: 'erase-gina', employee: 'gina', requestedBy: 'hr-admin', requestedAt: '2026-06-02T08:00:00.000Z' };
    await requestErasure(stack.clients.dynamodb, table(), scope, request);
    const requested = await readErasureItem(stack.clients.dynamodb, table(), scope, 'erase-gina');
    // Two keepers (or a redelivered tick) start it from the same read: one pseudonym wins, and both use it.
    await Promise.all([
      driveErasure(driver(), requested!, new AbortController().signal),
      driveErasure(driver(), requested!, new AbortController().signal),
    ]);
    for (let steps = 0; steps < 5 && (await step('erase-gina')) !== 'completed'; steps++);
    const done = await readErasure(stack.clients.dynamodb, table(), scope, 'erase-gina');
    expect(done).toMatchObject({ status: 'completed', notesErased: 1, receiptsErased: 1, itemsChanged: 2 });
    const owner = (await read(noteKey(scope, noteId)))?.owner;
    expect(owner).toMatch(/^erased-test-/);
    expect(await read(receiptKey(scope, receiptId, noteId))).toMatchObject({ uploader: owner });
    // A step from the stale first read, after completion, changes nothing.
    expect(await driveErasure(driver(), requested!, new AbortController().signal)).toBe('completed');
    expect(await readErasure(stack.clients.dynamodb, table(), scope, 'erase-gina')).toEqual(done);
  });

  it('finishes a note whose run stopped after its other items but before the note itself, counting it once', async () => {
    const noteId = '0e000000-0000-4000-8000-000000000020';
    const receiptId = '0e000000-0000-4000-8000-0000000000c1';
    const hugo = tenantScope({ tenant: TENANT, user: 'hugo', roles: ['employee'] });
    const item = testNoteItem(TENANT, noteId, { owner: 'hugo', comment: 'parking', receiptIds: [receiptId] });
    await putItems(stack.clients.dynamodb, table(), [
      { ...item, gsi1pk: ownerListing(hugo), gsi1sk: listingSortKey(item.date, noteId) },
      { ...receipt(receiptId, noteId, 'parking.jpg'), uploader: 'hugo' },
    ]);
    await requestErasure(stack.clients.dynamodb, table(), scope, {
      requestId: 'erase-hugo',
      employee: 'hugo',
      requestedBy: 'hr-admin',
      requestedAt: '2026-06-03T08:00:00.000Z',
    });
    // The stop: the run had its pseudonym and changed the receipt, not yet the note.
    const requested = await readErasureItem(stack.clients.dynamodb, table(), scope, 'erase-hugo');
    const pseudonym = 'erased-stopped-run';
    await putItems(stack.clients.dynamodb, table(), [
      { ...requested, status: 'running', pseudonym, startedAt: '2026-06-03T08:30:00.000Z' },
      { ...receipt(receiptId, noteId, `receipt-${receiptId}.jpg`), uploader: pseudonym },
    ]);
    for (let steps = 0; steps < 5 && (await step('erase-hugo')) !== 'completed'; steps++);
    expect(await readErasure(stack.clients.dynamodb, table(), scope, 'erase-hugo')).toMatchObject({
      status: 'completed',
      notesErased: 1,
      receiptsErased: 1,
    });
    expect(await read(noteKey(scope, noteId))).toMatchObject({ owner: pseudonym });
    expect(await read(receiptKey(scope, receiptId, noteId))).toMatchObject({
      uploader: pseudonym,
      fileName: `receipt-${receiptId}.jpg`,
    });
  });

  it('refuses a request whose employee cannot be a user id, before recording anything', async () => {
    const bad = { requestId: 'erase-bad', employee: 'dave durand', requestedBy: 'hr-admin', requestedAt: '2026-06-04T08:00:00.000Z' };
    await expect(requestErasure(stack.clients.dynamodb, table(), scope, bad)).rejects.toThrow(InvalidScopeError);
    expect(await readErasure(stack.clients.dynamodb, table(), scope, 'erase-bad')).toBeUndefined();
  });
});
