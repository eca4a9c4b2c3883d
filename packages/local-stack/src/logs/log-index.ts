import type { LogLine } from '@ndf/alerting';

/**
 * The fields whose values tie a line to a request, as the services write them: the correlation id
 * (the reconciler names the receipt's `correlationOfReceipt`, its own being its tick's), the note
 * and the receipt.
 */
export const ID_FIELDS = ['correlationId', 'correlationOfReceipt', 'noteId', 'receiptId'] as const;

/** One indexed line: `seq` orders lines of the same millisecond as they arrived. */
interface IndexedLine {
  readonly seq: number;
  readonly receivedAt: number;
  readonly line: LogLine;
}

/** The lines of one id, oldest first; `head` skips those already evicted. */
interface Bucket {
  entries: IndexedLine[];
  head: number;
}

export interface LogIndexOptions {
  /** How long a line stays searchable after it arrived. */
  readonly keepMs: number;
  /** At most this many lines, the oldest going first. */
  readonly maxLines: number;
}

function idsOf(line: LogLine): string[] {
  const ids = new Set<string>();
  for (const field of ID_FIELDS) {
    const value = line.fields[field];
    if (typeof value === 'string' && value !== '') ids.add(value);
  }
  return [...ids];
}

const byTime = (a: IndexedLine, b: IndexedLine) => a.line.at - b.line.at || a.seq - b.seq;

/** The recent lines in memory, by arrival, and by each id they carry. */
export class LogIndex {
  private readonly entries: IndexedLine[] = [];
  private head = 0;
  private readonly byId = new Map<string, Bucket>();
  private seq = 0;

  constructor(private readonly options: LogIndexOptions) {}

  add(line: LogLine, receivedAt: number): void {
    const entry: IndexedLine = { seq: (this.seq += 1), receivedAt, line };
    this.entries.push(entry);
    for (const id of idsOf(line)) {
      const bucket = this.byId.get(id) ?? { entries: [], head: 0 };
      bucket.entries.push(entry);
      this.byId.set(id, bucket);
    }
    this.evict(receivedAt);
  }

  /** Drops lines that arrived before `now - keepMs`, and the oldest past `maxLines`. */
  evict(now: number): void {
    const oldest = now - this.options.keepMs;
    while (this.head < this.entries.length && (this.entries[this.head]!.receivedAt < oldest || this.size > this.options.maxLines)) {
      const entry = this.entries[this.head]!;
      this.head += 1;
      for (const id of idsOf(entry.line)) this.dropOldest(id);
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  /** The last `limit` lines carrying `id`, in time order. */
  search(id: string, limit: number): LogLine[] {
    const bucket = this.byId.get(id);
    if (!bucket || limit <= 0) return [];
    const found = bucket.entries.slice(bucket.head).sort(byTime);
    return found.slice(Math.max(0, found.length - limit)).map((entry) => entry.line);
  }

  /** Every line kept, as they arrived. */
  *lines(): Generator<LogLine> {
    for (let index = this.head; index < this.entries.length; index += 1) yield this.entries[index]!.line;
  }

  private dropOldest(id: string): void {
    const bucket = this.byId.get(id);
    if (!bucket) return;
    bucket.head += 1;
    if (bucket.head >= bucket.entries.length) this.byId.delete(id);
    else if (bucket.head > 64 && bucket.head * 2 > bucket.entries.length) {
      bucket.entries.splice(0, bucket.head);
      bucket.head = 0;
    }
  }
}
