import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FILE_NAME = /^logs-(\d{12})\.ndjson$/;
const fileName = (seq: number) => `logs-${String(seq).padStart(12, '0')}.ndjson`;

export interface LogFilesOptions {
  readonly folder: string;
  /** A file is closed for a new one once it holds this much. */
  readonly maxFileBytes: number;
  /** The oldest files are deleted past this much in all (the file being written is always kept). */
  readonly maxTotalBytes: number;
}

interface StoredFile {
  readonly seq: number;
  size: number;
}

function listFiles(folder: string): StoredFile[] {
  return readdirSync(folder)
    .flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [{ seq: Number(match[1]), size: statSync(join(folder, name)).size }] : [];
    })
    .sort((a, b) => a.seq - b.seq);
}

/** The last `bytes` of a file, from the first whole line in them. */
function tailOf(path: string, size: number, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, buffer, 0, bytes, size - bytes);
  } finally {
    closeSync(descriptor);
  }
  const text = buffer.toString('utf8');
  return text.slice(text.indexOf('\n') + 1);
}

/**
 * The platform's log lines on disk: append-only NDJSON files in one folder, a new file past a
 * size, the oldest deleted past a total. Each start writes to a new file, so that a line torn by
 * a crash stays the last of its file.
 */
export class LogFiles {
  private readonly files: StoredFile[];
  private current: StoredFile;

  constructor(private readonly options: LogFilesOptions) {
    mkdirSync(options.folder, { recursive: true });
    this.files = listFiles(options.folder);
    this.current = { seq: (this.files.at(-1)?.seq ?? 0) + 1, size: 0 };
    this.files.push(this.current);
    this.prune();
  }

  /**
   * The newest lines already on disk, at most `maxBytes` of them, oldest first (read at start,
   * before anything is appended). A line cut by the byte limit or torn by a crash is for the
   * reader to refuse.
   */
  recentLines(maxBytes: number): string[] {
    const chunks: string[] = [];
    let left = maxBytes;
    for (const file of [...this.files].reverse()) {
      if (left <= 0) break;
      if (file === this.current || file.size === 0) continue;
      const path = join(this.options.folder, fileName(file.seq));
      chunks.unshift(file.size <= left ? readFileSync(path, 'utf8') : tailOf(path, file.size, left));
      left -= file.size;
    }
    return chunks.flatMap((chunk) => chunk.split('\n')).filter((line) => line !== '');
  }

  /** Appends whole lines (each ending with a line break); throws what the file system throws. */
  append(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.current.size > 0 && this.current.size + bytes > this.options.maxFileBytes) {
      this.current = { seq: this.current.seq + 1, size: 0 };
      this.files.push(this.current);
    }
    appendFileSync(join(this.options.folder, fileName(this.current.seq)), text);
    this.current.size += bytes;
    this.prune();
  }

  /** Bytes on disk in all. */
  get totalBytes(): number {
    return this.files.reduce((sum, file) => sum + file.size, 0);
  }

  private prune(): void {
    let total = this.totalBytes;
    while (this.files.length > 1 && total > this.options.maxTotalBytes) {
      const oldest = this.files.shift()!;
      rmSync(join(this.options.folder, fileName(oldest.seq)), { force: true });
      total -= oldest.size;
    }
  }
}
