import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { originalKey, receiptObjectKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { indexOriginal, placeHold, releaseHold } from '@ndf/retention';
import { readItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueOriginals, type Expirer } from '../src/expire-originals.js';

const PREFIX = 'retention-expiry-';
const scope = tenantScope({ tenant: 'acme-expiry', user: 'legal', roles: ['admin'] });
const heldNote = '0c000000-0000-4000-8000-0000000000f1';
const free = '0c000000-0000-4000-8000-000000000001';
const held = '0c000000-0000-4000-8000-000000000002';
const recent = '0c000000-0000-4000-8000-000000000003';
let stack: SharedStack;
beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

const receipts = () => bucketName(PREFIX, 'receipts');
const table = () => tableName(PREFIX, 'notes');
const signal = () => new AbortController().signal;

async function storeOriginal(receiptId: string, at: string, noteId?: string): Promise<string> {
  const key = receiptObjectKey(scope, receiptId, noteId);
  const { VersionId } = await stack.clients.s3.send(new PutObjectCommand({ Bucket: receipts(), Key: key, Body: `receipt ${receiptId}` }));
  await indexOriginal(
    stack.clients.dynamodb,
    table(),
    {
      tenant: scope.tenant,
      receiptId,
      ...(noteId ? { noteId } : {}),
      key,
      versionId: VersionId ?? null,
      sha256: 'ab'.repeat(32),
      size: 20,
      uploadedAt: at,
    },
    at,
  );
  return key;
}

async function stillStored(key: string): Promise<boolean> {
  try {
    await stack.clients.s3.send(new HeadObjectCommand({ Bucket: receipts(), Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

const expirer = (now: string): Expirer => ({
  dynamodb: stack.clients.dynamodb,
  table: table(),
  s3: stack.clients.s3,
  receiptsBucket: receipts(),
  now: () => new Date(now),
  firstMonth: '2014-01',
  fiscalYearEndMonth: 12,
  pageSize: 1,
  pagesPerRun: 50,
});

describe('expiry of originals past their legal retention', () => {
  it('deletes, on a controlled clock, only the originals ten years past their fiscal year and not held; a held one survives until released', async () => {
    const freeKey = await storeOriginal(free, '2014-03-05T10:00:00.000Z');
    const heldKey = await storeOriginal(held, '2014-03-06T10:00:00.000Z', heldNote);
    const recentKey = await storeOriginal(recent, '2015-02-01T10:00:00.000Z');
    await placeHold(stack.clients.dynamodb, table(), scope, {
      holdId: 'tax-audit-2014',
      scope: { kind: 'note', noteId: heldNote },
      reason: 'Tax audit of the 2014 accounts',
      placedBy: 'legal',
      placedAt: '2024-11-01T00:00:00.000Z',
    });

    // The last day of the tenth year after 2014's closing: nothing is due yet.
    expect(await expireDueOriginals(expirer('2024-12-31T23:59:00.000Z'), signal())).toEqual([]);

    // The first day after: 2014's originals are due; 2015's are not even listed (their month is not due).
    const outcomes = await expireDueOriginals(expirer('2025-01-01T00:01:00.000Z'), signal());
    expect(outcomes.map(({ receiptId, decision }) => ({ receiptId, decision }))).toEqual([
      { receiptId: free, decision: { action: 'delete' } },
      { receiptId: held, decision: { action: 'keep', reason: 'held', holdId: 'tax-audit-2014' } },
    ]);
    expect(await stillStored(freeKey)).toBe(false);
    expect(await stillStored(heldKey)).toBe(true);
    expect(await stillStored(recentKey)).toBe(true);
    // The deleted original's entry stays, marked, out of its month's listing.
    const entry = await readItem(stack.clients.dynamodb, table(), originalKey(scope, free));
    expect(entry).toMatchObject({ receiptId: free, deletedAt: '2025-01-01T00:01:00.000Z' });
    expect(entry).not.toHaveProperty('gsi1pk');

    // Released: the next run deletes it, and looks at nothing already deleted.
    await releaseHold(stack.clients.dynamodb, table(), scope, {
      holdId: 'tax-audit-2014',
      releasedBy: 'legal',
      releasedAt: '2025-02-01T00:00:00.000Z',
    });
    const after = await expireDueOriginals(expirer('2025-02-02T00:00:00.000Z'), signal());
    expect(after.map(({ receiptId, decision }) => ({ receiptId, decision }))).toEqual([
      { receiptId: held, decision: { action: 'delete' } },
    ]);
    expect(await stillStored(heldKey)).toBe(false);
    expect(await stillStored(recentKey)).toBe(true);
  });
});
