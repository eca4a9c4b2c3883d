import { createHash } from 'node:crypto';

/** One original as sealed: where it is, which version, its bytes' SHA-256 and size, and when it was received. */
export interface SealedOriginal {
  readonly key: string;
  readonly versionId: string | null;
  readonly sha256: string;
  readonly size: number;
  readonly uploadedAt: string;
}

/** The manifest of one day's originals, chained to the day before by that manifest's SHA-256 (null for the first). */
export interface DailyManifest {
  readonly day: string;
  readonly previous: string | null;
  readonly originals: readonly SealedOriginal[];
}

const sha256 = (bytes: string) => createHash('sha256').update(bytes, 'utf8').digest('hex');

/** The manifest's stored bytes and their SHA-256: canonical (originals in time then key order), so a retry writes the same bytes. */
export function sealManifest(day: string, previous: string | null, originals: readonly SealedOriginal[]) {
  const sorted = [...originals].sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.key.localeCompare(b.key));
  const manifest: DailyManifest = {
    day,
    previous,
    originals: sorted.map(({ key, versionId, sha256: digest, size, uploadedAt }) => ({ key, versionId, sha256: digest, size, uploadedAt })),
  };
  const bytes = `${JSON.stringify(manifest)}\n`;
  return { manifest, bytes, sha256: sha256(bytes) };
}

/** The day after a yyyy-mm-dd day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

export type ChainBreak = {
  readonly day: string;
  readonly reason: 'missing' | 'unreadable' | 'wrong_day' | 'previous_mismatch' | 'head_mismatch';
  readonly detail: string;
};

export type ChainVerification =
  | { readonly ok: true; readonly days: number; readonly head: string | null }
  | { readonly ok: false; readonly days: number; readonly firstBreak: ChainBreak };

/**
 * Recomputes the chain from its first day to the head: each stored manifest must be there, name its
 * day, and carry the SHA-256 of the bytes stored for the day before; the last one's bytes must hash
 * to the head recorded when it was sealed. A manifest changed after the next day sealed it breaks
 * the next day's link; the last one, the head. `read` gives a day's stored bytes, or undefined.
 */
export async function verifyChain(
  first: string,
  head: { readonly day: string; readonly sha256: string },
  read: (day: string) => Promise<string | undefined>,
): Promise<ChainVerification> {
  let previous: string | null = null;
  let days = 0;
  for (let day = first; day <= head.day; day = nextDay(day)) {
    const bytes = await read(day);
    const broken = (reason: ChainBreak['reason'], detail: string): ChainVerification => ({
      ok: false,
      days,
      firstBreak: { day, reason, detail },
    });
    if (bytes === undefined) return broken('missing', `no manifest is stored for ${day}`);
    let manifest: DailyManifest;
    try {
      manifest = JSON.parse(bytes) as DailyManifest;
    } catch {
      return broken('unreadable', `the manifest of ${day} is not JSON`);
    }
    if (manifest.day !== day) return broken('wrong_day', `the manifest stored for ${day} names ${String(manifest.day)}`);
    if (manifest.previous !== previous)
      return broken(
        'previous_mismatch',
        `the manifest of ${day} chains to ${String(manifest.previous)}, the day before hashes to ${String(previous)}`,
      );
    previous = sha256(bytes);
    days += 1;
  }
  if (previous !== head.sha256)
    return {
      ok: false,
      days,
      firstBreak: {
        day: head.day,
        reason: 'head_mismatch',
        detail: `the last manifest hashes to ${String(previous)}, sealed as ${head.sha256}`,
      },
    };
  return { ok: true, days, head: previous };
}
