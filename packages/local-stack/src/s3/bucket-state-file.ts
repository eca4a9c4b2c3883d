import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A per-bucket setting the edge keeps itself (the emulator has no such thing), in a JSON file across restarts or in memory. */
export class BucketStateFile<T> {
  private readonly byBucket: Map<string, T>;

  constructor(
    private readonly file: string | undefined,
    private readonly fallback: T,
  ) {
    const saved = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, T>) : {};
    this.byBucket = new Map(Object.entries(saved));
  }

  get(bucket: string): T {
    return this.byBucket.get(bucket) ?? this.fallback;
  }

  set(bucket: string, value: T): void {
    this.byBucket.set(bucket, value);
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.byBucket), null, 2));
  }
}
