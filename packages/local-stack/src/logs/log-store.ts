import type { ErrorGroup, LogLine, LogSearch } from '@ndf/alerting';
import { groupErrors } from './error-groups.js';
import { LogFiles } from './log-files.js';
import { LogIndex } from './log-index.js';

const MIB = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;
/** Lines wait this long in memory before they are written, at most. */
const FLUSH_EVERY_MS = 250;
/** …or until this much waits. */
const FLUSH_BYTES = 256 * 1024;
/** The most lines one search returns. */
const SEARCH_LIMIT = 10_000;

export interface LogStoreOptions {
  /** The folder of the log files; none: nothing on disk (an in-memory platform). */
  readonly folder?: string;
  readonly maxFileBytes?: number;
  /** What the files may take on disk in all: the last N MB are kept. */
  readonly maxTotalBytes?: number;
  /** How long a line stays searchable (and grouped), and what a restart reads again. */
  readonly keepMs?: number;
  /** At most this many lines in memory. */
  readonly maxIndexedLines?: number;
  /** At most this much of the files is read again at start. */
  readonly replayBytes?: number;
  readonly now?: () => number;
  /** The first of consecutive failed writes (disk full, folder gone): their lines stay searchable, but are not on disk. */
  readonly onWriteError?: (error: unknown) => void;
}

function storedLine(text: string): LogLine | undefined {
  try {
    const line = JSON.parse(text) as Partial<LogLine> | null;
    const valid =
      typeof line?.at === 'number' &&
      typeof line.component === 'string' &&
      typeof line.level === 'string' &&
      typeof line.fields === 'object' &&
      line.fields !== null;
    return valid ? (line as LogLine) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The platform's log lines: appended to NDJSON files (rotated, bounded on disk) and indexed in
 * memory for the last hour by the ids they carry, so that the lines of one request can be found
 * across services and the warnings and errors grouped by kind. A restart reads the recent files
 * again, within `replayBytes`.
 */
export class LogStore implements LogSearch {
  private readonly files: LogFiles | undefined;
  private readonly index: LogIndex;
  private readonly now: () => number;
  private readonly keepMs: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the last write failed: a failure is reported once, not at every flush. */
  private failing = false;

  constructor(private readonly options: LogStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.keepMs = options.keepMs ?? HOUR_MS;
    this.index = new LogIndex({ keepMs: this.keepMs, maxLines: options.maxIndexedLines ?? 50_000 });
    const maxTotalBytes = options.maxTotalBytes ?? 64 * MIB;
    this.files = options.folder
      ? new LogFiles({ folder: options.folder, maxFileBytes: options.maxFileBytes ?? 8 * MIB, maxTotalBytes })
      : undefined;
    const oldest = this.now() - this.keepMs;
    for (const text of this.files?.recentLines(options.replayBytes ?? Math.min(maxTotalBytes, 32 * MIB)) ?? []) {
      const line = storedLine(text);
      if (line && line.at >= oldest) this.index.add(line, line.at);
    }
    this.index.evict(this.now());
  }

  append(line: LogLine): void {
    this.index.add(line, this.now());
    if (!this.files) return;
    const text = `${JSON.stringify(line)}\n`;
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** Writes what waits in memory. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.files || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    try {
      this.files.append(text);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.onWriteError?.(error);
      this.failing = true;
    }
  }

  close(): void {
    this.flush();
  }

  /** The last `limit` lines of the last hour carrying `id` (as correlation, note or receipt id), in time order. */
  search(id: string, limit: number): LogLine[] {
    this.index.evict(this.now());
    return this.index.search(id, Math.min(SEARCH_LIMIT, Math.floor(limit)) || 0);
  }

  /** Warnings and errors of the last `minutes` (1 to the hour kept) grouped by kind, the latest first. */
  errorGroups(minutes: number): ErrorGroup[] {
    const now = this.now();
    this.index.evict(now);
    const windowMs = Math.min(this.keepMs, Math.max(1, Number.isFinite(minutes) ? minutes : 1) * 60_000);
    const since = now - windowMs;
    return groupErrors([...this.index.lines()].filter((line) => line.at >= since));
  }

  /** Lines searchable now. */
  get indexedLines(): number {
    return this.index.size;
  }

  /** Bytes of log files on disk. */
  get bytesOnDisk(): number {
    return this.files?.totalBytes ?? 0;
  }
}
