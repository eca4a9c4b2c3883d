import type { ByteSource } from './byte-source.js';

/**
 * Reads a file's head and tail windows once, serves later ranges from them when it can,
 * and counts what was fetched.
 */
export class RangeReader {
  bytesRead = 0;
  head: Uint8Array = new Uint8Array(0);
  tail: Uint8Array = new Uint8Array(0);
  /** Offset of `tail[0]` in the file. */
  tailStart = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly signal?: AbortSignal,
  ) {}

  get size(): number {
    return this.source.size;
  }

  /** True when the head and tail windows hold the whole file. */
  get whole(): boolean {
    return this.tailStart <= this.head.length;
  }

  async loadWindows(headBytes: number, tailBytes: number): Promise<void> {
    const size = this.source.size;
    if (size <= headBytes + tailBytes) {
      this.head = this.tail = await this.fetch(0, size);
      this.tailStart = 0;
      return;
    }
    [this.head, this.tail] = await Promise.all([this.fetch(0, headBytes), this.fetch(size - tailBytes, size)]);
    this.tailStart = size - tailBytes;
  }

  /** The bytes in [start, end) (clamped to the file), from the windows when they hold them. */
  async bytes(start: number, end: number): Promise<Uint8Array> {
    const from = Math.max(0, start);
    const to = Math.min(end, this.size);
    if (to <= from) return new Uint8Array(0);
    if (to <= this.head.length) return this.head.subarray(from, to);
    if (from >= this.tailStart) return this.tail.subarray(from - this.tailStart, to - this.tailStart);
    return this.fetch(from, to);
  }

  private async fetch(start: number, end: number): Promise<Uint8Array> {
    const bytes = await this.source.read(start, end, this.signal);
    this.bytesRead += bytes.length;
    return bytes;
  }
}
