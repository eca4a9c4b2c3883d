import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { receiptObjectKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { indexOriginal, type DailyManifest } from '@ndf/retention';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestKey, sealDueDays, verifySealedIndex, type Sealer } from '../src/sealed-index.js';

const PREFIX = 'retention-seal-';
const scope = tenantScope({ tenant: 'acme-seal', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

const audit = () => bucketName(PREFIX, 'audit');
const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const signal = () => new AbortController().signal;

/** An original stored as the app uploads it, indexed as receipt-intake indexes it, at `indexedAt`. */
async function storeOriginal(receiptId: string, indexedAt: string): Promise<{ key: string; versionId: string | null; sha256: string }> {
  const key = receiptObjectKey(scope, receiptId);
  const body = `%PDF-1.7 receipt ${receiptId}\n%%EOF\n`;
  const { VersionId } = await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucketName(PREFIX, 'receipts'), Key: key, Body: body }));
  const original = { key, versionId: VersionId ?? null, sha256: sha256(body), size: body.length, uploadedAt: indexedAt };
  await indexOriginal(stack.clients.dynamodb, tableName(PREFIX, 'notes'), { tenant: scope.tenant, receiptId, ...original }, indexedAt);
  return original;
}

const sealer = (now: string): Sealer => ({
  dynamodb: stack.clients.dynamodb,
  table: tableName(PREFIX, 'notes'),
  s3: stack.clients.s3,
  auditBucket: audit(),
  now: () => new Date(now),
  sealFrom: '2026-12-01',
  sealAfterMs: 10 * 60_000,
  daysPerTick: 7,
});

async function stored(day: string): Promise<string> {
  const { Body } = await stack.clients.s3.send(new GetObjectCommand({ Bucket: audit(), Key: manifestKey(day) }));
  return Body!.transformToString();
}

describe('the sealed index of originals', () => {
  it('seals each day over, once, chained to the day before, and detects a stored manifest changed afterwards', async () => {
    const first = await storeOriginal('0d000000-0000-4000-8000-000000000001', '2026-12-01T09:15:00.000Z');
    const lastOfDay = await storeOriginal('0d000000-0000-4000-8000-000000000002', '2026-12-01T23:59:59.999Z');
    const nextDayFirst = await storeOriginal('0d000000-0000-4000-8000-000000000003', '2026-12-02T00:00:00.000Z');

    // Four minutes into 4 December, 3 December is not over by the margin yet: two days sealed.
    expect(await sealDueDays(sealer('2026-12-04T00:04:00.000Z'), signal())).toEqual(['2026-12-01', '2026-12-02']);
    expect(await sealDueDays(sealer('2026-12-04T00:20:00.000Z'), signal())).toEqual(['2026-12-03']);
    // Sealed days are never written again.
    expect(await sealDueDays(sealer('2026-12-04T00:21:00.000Z'), signal())).toEqual([]);

    const day1 = JSON.parse(await stored('2026-12-01')) as DailyManifest;
    expect(day1).toEqual({
      day: '2026-12-01',
      previous: null,
      originals: [
        { ...first, size: expect.any(Number), uploadedAt: '2026-12-01T09:15:00.000Z' },
        { ...lastOfDay, size: expect.any(Number), uploadedAt: '2026-12-01T23:59:59.999Z' },
      ],
    });
    const day2 = JSON.parse(await stored('2026-12-02')) as DailyManifest;
    expect(day2.previous).toBe(sha256(await stored('2026-12-01')));
    expect(day2.originals.map((original) => original.key)).toEqual([nextDayFirst.key]);
    const day3 = JSON.parse(await stored('2026-12-03')) as DailyManifest;
    expect(day3).toEqual({ day: '2026-12-03', previous: sha256(await stored('2026-12-02')), originals: [] });

    const range = { from: '2026-12-01', to: '2026-12-03' };
    expect(await verifySealedIndex(stack.clients.s3, audit(), range, signal())).toEqual({
      ok: true,
      days: 3,
      head: sha256(await stored('2026-12-03')),
    });

    // A copy of 1 December's manifest rewritten (one digest changed): the link 2 December holds breaks there.
    const forged = (await stored('2026-12-01')).replace(first.sha256, sha256('another file'));
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: audit(), Key: manifestKey('2026-12-01'), Body: forged }));
    expect(await verifySealedIndex(stack.clients.s3, audit(), range, signal())).toMatchObject({
      ok: false,
      days: 1,
      firstBreak: { day: '2026-12-02', reason: 'previous_mismatch' },
    });
  });
});
