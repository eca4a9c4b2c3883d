import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealManifest, verifyChain, type SealedOriginal } from '../src/manifest.js';

const original = (n: number, uploadedAt: string): SealedOriginal => ({
  key: `tenants/acme/receipts/0000000${n}-0000-4000-8000-000000000000`,
  versionId: `v${n}`,
  sha256: createHash('sha256').update(`receipt ${n}`).digest('hex'),
  size: 100 + n,
  uploadedAt,
});

function chainOf(days: string[]): Map<string, string> {
  const stored = new Map<string, string>();
  let previous: string | null = null;
  days.forEach((day, index) => {
    const sealed = sealManifest(day, previous, [original(index, `${day}T10:00:00.000Z`)]);
    stored.set(day, sealed.bytes);
    previous = sealed.sha256;
  });
  return stored;
}

const sha = (bytes: string) => createHash('sha256').update(bytes).digest('hex');

describe('the sealed chain of daily manifests', () => {
  it('writes the same bytes for the same originals in any order, chained to the day before', () => {
    const a = original(1, '2026-03-02T10:00:00.000Z');
    const b = original(2, '2026-03-02T09:00:00.000Z');
    const one = sealManifest('2026-03-02', 'ab'.repeat(32), [a, b]);
    expect(sealManifest('2026-03-02', 'ab'.repeat(32), [b, a]).bytes).toBe(one.bytes);
    expect(one.manifest.originals.map((entry) => entry.versionId)).toEqual(['v2', 'v1']);
    expect(one.sha256).toBe(sha(one.bytes));
  });

  it('verifies an untouched chain up to its head', async () => {
    const stored = chainOf(['2026-03-01', '2026-03-02', '2026-03-03']);
    const head = { day: '2026-03-03', sha256: sha(stored.get('2026-03-03')!) };
    expect(await verifyChain('2026-03-01', head, async (day) => stored.get(day))).toEqual({ ok: true, days: 3, head: head.sha256 });
  });

  it('reports the first break: a changed manifest breaks the next day’s link, the last one the head, a missing day itself', async () => {
    const stored = chainOf(['2026-03-01', '2026-03-02', '2026-03-03']);
    const head = { day: '2026-03-03', sha256: sha(stored.get('2026-03-03')!) };
    const tampered = new Map(stored);
    tampered.set('2026-03-02', stored.get('2026-03-02')!.replace('"size":101', '"size":999'));
    expect(await verifyChain('2026-03-01', head, async (day) => tampered.get(day))).toMatchObject({
      ok: false,
      days: 2,
      firstBreak: { day: '2026-03-03', reason: 'previous_mismatch' },
    });
    const lastChanged = new Map(stored);
    lastChanged.set('2026-03-03', stored.get('2026-03-03')!.replace('"size":102', '"size":1'));
    expect(await verifyChain('2026-03-01', head, async (day) => lastChanged.get(day))).toMatchObject({
      ok: false,
      firstBreak: { day: '2026-03-03', reason: 'head_mismatch' },
    });
    const gap = new Map(stored);
    gap.delete('2026-03-02');
    expect(await verifyChain('2026-03-01', head, async (day) => gap.get(day))).toMatchObject({
      ok: false,
      days: 1,
      firstBreak: { day: '2026-03-02', reason: 'missing' },
    });
  });
});
