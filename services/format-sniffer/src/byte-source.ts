import { open, stat } from 'node:fs/promises';

/**
 * Random access to a file's bytes, so that sniffing reads only the ranges it needs
 * (S3 GetObject with a Range, a file handle, or bytes already in memory).
 */
export interface ByteSource {
  readonly size: number;
  /** The bytes in [start, end), with `end` clamped to the size. */
  read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (start, end, signal) => {
      signal?.throwIfAborted();
      return bytes.subarray(start, Math.min(end, bytes.length));
    },
  };
}

export async function fileSource(path: string): Promise<ByteSource> {
  const { size } = await stat(path);
  return {
    size,
    async read(start, end, signal) {
      signal?.throwIfAborted();
      const length = Math.max(0, Math.min(end, size) - start);
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, start);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}
