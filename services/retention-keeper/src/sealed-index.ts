import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monthOf } from '@ndf/contracts';
import { listIndexedOriginals, nextDay, sealManifest, verifyChain, type ChainVerification, type SealedOriginal } from '@ndf/retention';
import { createHash } from 'node:crypto';

/** Where the manifests live in the audit bucket (locked like the trail): one object per day. */
export const MANIFEST_PREFIX = 'index/originals/';

export const manifestKey = (day: string) => `${MANIFEST_PREFIX}${day.slice(0, 4)}/${day}.json`;

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const previousDay = (day: string) => dayOf(Date.parse(`${day}T00:00:00.000Z`) - DAY_MS);

export interface Sealer {
  readonly dynamodb: DynamoDBClient;
  readonly table: string;
  readonly s3: S3Client;
  readonly auditBucket: string;
  readonly now: () => Date;
  /** The chain's first day (yyyy-mm-dd): its manifest chains to nothing. */
  readonly sealFrom: string;
  /** How long after a day's end its manifest is written: past the deadline of any upload still being recorded with that day's time. */
  readonly sealAfterMs: number;
  /** Days sealed in one tick at most (a catch-up after an outage spreads over ticks). */
  readonly daysPerTick: number;
}

async function storedManifest(s3: S3Client, auditBucket: string, day: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: auditBucket, Key: manifestKey(day) }), { abortSignal: signal });
    return await Body!.transformToString();
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return undefined;
    throw error;
  }
}

async function isSealed(sealer: Sealer, day: string, signal: AbortSignal): Promise<boolean> {
  try {
    await sealer.s3.send(new HeadObjectCommand({ Bucket: sealer.auditBucket, Key: manifestKey(day) }), { abortSignal: signal });
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404 || (error as Error).name === 'NotFound')
      return false;
    throw error;
  }
}

/** Every original indexed on a day, all tenants, read page by page. */
async function originalsOfDay(sealer: Sealer, day: string, signal: AbortSignal): Promise<SealedOriginal[]> {
  const originals: SealedOriginal[] = [];
  let cursor: string | undefined;
  do {
    const page = await listIndexedOriginals(
      sealer.dynamodb,
      sealer.table,
      { month: monthOf(day), from: `${day}T`, to: `${nextDay(day)}T`, limit: 500, ...(cursor ? { cursor } : {}) },
      signal,
    );
    originals.push(...page.items.map(({ key, versionId, sha256, size, uploadedAt }) => ({ key, versionId, sha256, size, uploadedAt })));
    cursor = page.cursor;
  } while (cursor);
  return originals;
}

/**
 * Seals the days that are over and not sealed yet, oldest first: each day's manifest lists the
 * originals indexed that day and carries the SHA-256 of the bytes stored for the day before, and
 * is written once to the locked audit bucket. Returns the days sealed.
 */
export async function sealDueDays(sealer: Sealer, signal: AbortSignal): Promise<string[]> {
  const lastDue = previousDay(dayOf(sealer.now().getTime() - sealer.sealAfterMs));
  if (lastDue < sealer.sealFrom) return [];
  let latest: string | undefined;
  for (let day = lastDue; day >= sealer.sealFrom; day = previousDay(day)) {
    if (await isSealed(sealer, day, signal)) {
      latest = day;
      break;
    }
  }
  if (latest === lastDue) return [];
  let previous: string | null = null;
  if (latest !== undefined) {
    const bytes = await storedManifest(sealer.s3, sealer.auditBucket, latest, signal);
    previous = bytes === undefined ? null : createHash('sha256').update(bytes, 'utf8').digest('hex');
  }
  const sealed: string[] = [];
  for (
    let day = latest === undefined ? sealer.sealFrom : nextDay(latest);
    day <= lastDue && sealed.length < sealer.daysPerTick;
    day = nextDay(day)
  ) {
    const manifest = sealManifest(day, previous, await originalsOfDay(sealer, day, signal));
    await sealer.s3.send(
      new PutObjectCommand({
        Bucket: sealer.auditBucket,
        Key: manifestKey(day),
        Body: manifest.bytes,
        ContentType: 'application/json',
        // S3 checks the bytes it receives against it, and keeps it with the version.
        ChecksumSHA256: Buffer.from(manifest.sha256, 'hex').toString('base64'),
      }),
      { abortSignal: signal },
    );
    previous = manifest.sha256;
    sealed.push(day);
  }
  return sealed;
}

/**
 * Recomputes the chain of stored manifests from `from` to `to` and reports its first break; with
 * `head` (the last day's SHA-256 as recorded elsewhere, e.g. published), the last day is checked too.
 */
export async function verifySealedIndex(
  s3: S3Client,
  auditBucket: string,
  range: { readonly from: string; readonly to: string; readonly head?: string },
  signal: AbortSignal,
): Promise<ChainVerification> {
  const read = (day: string) => storedManifest(s3, auditBucket, day, signal);
  if (range.head !== undefined) return verifyChain(range.from, { day: range.to, sha256: range.head }, read);
  const bytes = await read(range.to);
  const head = bytes === undefined ? '' : createHash('sha256').update(bytes, 'utf8').digest('hex');
  return verifyChain(range.from, { day: range.to, sha256: head }, read);
}
