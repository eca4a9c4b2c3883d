import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { BucketStateFile } from './bucket-state-file.js';
import { objectPath } from './backend-client.js';

/**
 * Bucket versioning, which the S3 emulator lacks, kept by the edge: each object stored in a
 * versioned bucket gets a version id and a copy of its bytes under a backend key of its own
 * (in a sibling bucket no client is told of), so that a read by `versionId` finds the bytes of
 * that upload whatever was stored at the key afterwards, as S3 does.
 */
export type VersioningStatus = 'Enabled' | 'Suspended';

export class VersioningStore extends BucketStateFile<VersioningStatus | undefined> {
  constructor(file: string | undefined) {
    super(file, undefined);
  }

  enabled(bucket: string): boolean {
    return this.get(bucket) === 'Enabled';
  }
}

export class InvalidVersioningConfiguration extends Error {}

const parser = new XMLParser({ removeNSPrefix: true });

export function parseVersioningConfiguration(xml: string): VersioningStatus {
  const status = (parser.parse(xml) as { VersioningConfiguration?: { Status?: unknown } }).VersioningConfiguration?.Status;
  if (status !== 'Enabled' && status !== 'Suspended') throw new InvalidVersioningConfiguration('Status must be Enabled or Suspended.');
  return status;
}

export function versioningConfigurationXml(status: VersioningStatus | undefined): string {
  const inner = status ? `<Status>${status}</Status>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</VersioningConfiguration>`;
}

/** S3's version ids are 32 URL-safe characters. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** Where the emulator keeps versions of the bucket's objects. */
export function versionsBucket(bucket: string): string {
  return `${bucket}.versions`;
}

/** The emulator path of one version of a key. */
export function versionPath(bucket: string, key: string, versionId: string): string {
  return objectPath(versionsBucket(bucket), `${versionId}/${key}`);
}

/** A version id as the edge makes them: URL-safe letters, digits, - and _ only, so that it is one plain path segment (never . or ..). */
export function isWellFormedVersionId(versionId: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(versionId);
}

/** Runs work on one key after the work already queued on it: a write and the copy of its version stay together. */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
