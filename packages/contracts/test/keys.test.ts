import { describe, expect, it } from 'vitest';
import {
  HISTORY_AND_NOTE_RANGE,
  APPROVALS_HISTORY_AND_NOTE_RANGE,
  categoryHistoryKey,
  approvalKey,
  approvalQueueSortKey,
  approverQueue,
  InvalidScopeError,
  historyKey,
  listingSortKey,
  noteIdFor,
  noteKey,
  ownerListing,
  parseApprovalQueueSortKey,
  parseListingSortKey,
  parseReceiptObjectKey,
  receiptKey,
  receiptObjectKey,
  sortKeyKind,
  stageKey,
  tenantScope,
} from '../src/index.js';

const acme = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const NOTE = '0a63a6e8-e9cc-87b4-a8e7-ed23cdaa8d42';
const RECEIPT = 'fc2e9372-6744-42b9-b121-e2d1ecd10b22';

describe('tenant scopes', () => {
  it('refuse a tenant or user that could break out of a key', () => {
    for (const tenant of ['', 'a#b', 'a/b', '../x', ' acme', 'ac me', 'x'.repeat(65), 'é']) {
      expect(() => tenantScope({ tenant, user: 'alice', roles: [] }), tenant).toThrow(InvalidScopeError);
    }
    for (const user of ['', 'a#b', 'a/b', 'a b'])
      expect(() => tenantScope({ tenant: 'acme', user, roles: [] }), user).toThrow(InvalidScopeError);
    expect(tenantScope({ tenant: 'acme-corp.fr', user: 'alice@acme.fr', roles: ['admin'] }).user).toBe('alice@acme.fr');
  });
});

describe('notes-table keys', () => {
  it('start with the tenant and put a note, its receipts and stages in one partition', () => {
    expect(noteKey(acme, NOTE)).toEqual({ pk: `T#acme#N#${NOTE}`, sk: 'NOTE' });
    expect(receiptKey(acme, RECEIPT, NOTE)).toEqual({ pk: `T#acme#N#${NOTE}`, sk: `RCPT#${RECEIPT}` });
    expect(receiptKey(acme, RECEIPT)).toEqual({ pk: `T#acme#R#${RECEIPT}`, sk: `RCPT#${RECEIPT}` });
    expect(stageKey(acme, 'ocr', { noteId: NOTE })).toEqual({ pk: `T#acme#N#${NOTE}`, sk: 'STAGE#ocr' });
    expect(stageKey(acme, 'ocr', { receiptId: RECEIPT })).toEqual({ pk: `T#acme#R#${RECEIPT}`, sk: `RCPT#${RECEIPT}#STAGE#ocr` });
    expect(ownerListing(acme)).toBe('T#acme#U#alice');
  });

  it("keep a tenant's category history in one partition of its own, per merchant and per note", () => {
    expect(categoryHistoryKey(acme, { merchantKey: 'BOULANGERIE DUPONT' })).toEqual({
      pk: 'T#acme#CATEGORY_HISTORY',
      sk: 'MERCHANT#BOULANGERIE DUPONT',
    });
    expect(categoryHistoryKey(acme, { noteId: NOTE })).toEqual({ pk: 'T#acme#CATEGORY_HISTORY', sk: `NOTE#${NOTE}` });
  });

  it('name what a sort key holds', () => {
    expect(sortKeyKind('NOTE')).toEqual({ kind: 'note' });
    expect(sortKeyKind(`RCPT#${RECEIPT}`)).toEqual({ kind: 'receipt', receiptId: RECEIPT });
    expect(sortKeyKind(`RCPT#${RECEIPT}#STAGE#ocr`)).toEqual({ kind: 'stage', service: 'ocr', receiptId: RECEIPT });
    expect(sortKeyKind('STAGE#policy')).toEqual({ kind: 'stage', service: 'policy' });
    expect(sortKeyKind('HIST#0000000012')).toEqual({ kind: 'history', version: 12 });
    expect(sortKeyKind('SOMETHING')).toEqual({ kind: 'other' });
  });

  it("keep a note's history in its partition, in version order, between nothing but itself and the note", () => {
    expect(historyKey(acme, NOTE, 2)).toEqual({ pk: `T#acme#N#${NOTE}`, sk: 'HIST#0000000002' });
    const sortKeys = [10, 9, 100, 2].map((version) => historyKey(acme, NOTE, version).sk);
    expect(sortKeys.sort()).toEqual(['HIST#0000000002', 'HIST#0000000009', 'HIST#0000000010', 'HIST#0000000100']);
    // One Query from HIST# to NOTE reads the history and the note, and none of the receipts or stages.
    const partition = ['NOTE', `RCPT#${RECEIPT}`, `RCPT#${RECEIPT}#STAGE#ocr`, 'STAGE#policy', ...sortKeys];
    const inRange = partition.filter((sk) => sk >= HISTORY_AND_NOTE_RANGE.from && sk <= HISTORY_AND_NOTE_RANGE.to);
    expect(inRange.sort()).toEqual([...sortKeys, 'NOTE']);
    for (const version of [0, -1, 1.5, Number.NaN]) expect(() => historyKey(acme, NOTE, version)).toThrow(RangeError);
  });

  it("read a note's pending approvals with its history and itself, and none of its receipts or stages", () => {
    const partition = ['NOTE', `RCPT#${RECEIPT}`, 'STAGE#policy', historyKey(acme, NOTE, 3).sk, approvalKey(acme, NOTE, 'carol').sk];
    const range = APPROVALS_HISTORY_AND_NOTE_RANGE;
    const inRange = partition.filter((sk) => sk >= range.from && sk <= range.to);
    expect(inRange.sort()).toEqual(['APPROVAL#carol', 'HIST#0000000003', 'NOTE']);
  });

  it('sort the listing by expense date and parse its key back', () => {
    expect(listingSortKey('2024-03-12', NOTE)).toBe(`2024-03-12#${NOTE}`);
    expect(parseListingSortKey(`2024-03-12#${NOTE}`)).toEqual({ date: '2024-03-12', noteId: NOTE });
    expect(parseListingSortKey('2024-03-12#nope')).toBeUndefined();
    expect(parseListingSortKey(`T#other#U#bob`)).toBeUndefined();
  });
});

describe('receipt object keys', () => {
  it("live under tenants/<tenant>/ and name the RECEIPT item's partition", () => {
    expect(receiptObjectKey(acme, RECEIPT)).toBe(`tenants/acme/receipts/${RECEIPT}`);
    expect(receiptObjectKey(acme, RECEIPT, NOTE)).toBe(`tenants/acme/notes/${NOTE}/receipts/${RECEIPT}`);
    for (const noteId of [undefined, NOTE]) {
      const parts = parseReceiptObjectKey(receiptObjectKey(acme, RECEIPT, noteId))!;
      expect(parts).toEqual({ tenant: 'acme', receiptId: RECEIPT, noteId });
      expect(receiptKey(tenantScope({ tenant: parts.tenant, user: 'receipt-intake', roles: [] }), parts.receiptId, parts.noteId)).toEqual(
        receiptKey(acme, RECEIPT, noteId),
      );
    }
  });

  it('refuse keys the API never hands out', () => {
    for (const key of [
      `derived/acme/receipts/${RECEIPT}`,
      `tenants/acme/receipts/${RECEIPT}/x`,
      `tenants/a#b/receipts/${RECEIPT}`,
      'tenants/acme/receipts/nope',
      `tenants//receipts/${RECEIPT}`,
    ]) {
      expect(parseReceiptObjectKey(key), key).toBeUndefined();
    }
  });
});

describe('note ids', () => {
  it('are the same for the same tenant, user and key, and differ otherwise', () => {
    const bob = tenantScope({ tenant: 'acme', user: 'bob', roles: ['employee'] });
    const other = tenantScope({ tenant: 'globex', user: 'alice', roles: ['employee'] });
    expect(noteIdFor(acme, 'k1')).toBe(noteIdFor(acme, 'k1'));
    expect(new Set([noteIdFor(acme, 'k1'), noteIdFor(acme, 'k2'), noteIdFor(bob, 'k1'), noteIdFor(other, 'k1')]).size).toBe(4);
    expect(noteIdFor(acme, 'k1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('approval keys', () => {
  it("put an approver's pending approval beside the note, and in the approver's queue oldest first", () => {
    expect(approvalKey(acme, NOTE, 'carol')).toEqual({ pk: `T#acme#N#${NOTE}`, sk: 'APPROVAL#carol' });
    expect(sortKeyKind('APPROVAL#carol')).toEqual({ kind: 'approval', approver: 'carol' });
    expect(approverQueue(acme, 'carol')).toBe('T#acme#APPROVER#carol');
    const older = approvalQueueSortKey('2026-03-01T09:00:00.000Z', NOTE);
    const newer = approvalQueueSortKey('2026-03-01T10:00:00.000Z', RECEIPT);
    expect(older < newer).toBe(true);
    expect(parseApprovalQueueSortKey(older)).toEqual({ requestedAt: '2026-03-01T09:00:00.000Z', noteId: NOTE });
    for (const bad of ['2026-03-01#' + NOTE, `2026-03-01T09:00:00.000Z#x`, `x#${NOTE}`, ''])
      expect(parseApprovalQueueSortKey(bad), bad).toBeUndefined();
  });

  it('refuse an approver id that could break out of a key', () => {
    for (const approver of ['', 'a#b', 'a b', 'x/y']) {
      expect(() => approvalKey(acme, NOTE, approver), approver).toThrow(InvalidScopeError);
      expect(() => approverQueue(acme, approver), approver).toThrow(InvalidScopeError);
    }
  });
});
