import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ThreadPool } from '@ndf/thread-pool';
import type { RawImage } from './decode-hevc.js';
import type { HevcJob } from './hevc-worker.js';

export type HevcDecoded =
  | { readonly outcome: 'decoded'; readonly image: RawImage }
  | { readonly outcome: 'timeout'; readonly detail: string }
  | { readonly outcome: 'out-of-memory'; readonly detail: string };

export interface HevcDecoderLimits {
  readonly timeoutMs: number;
  readonly maxHeapMb: number;
}

const WORKER_ENTRY = new URL(`./hevc-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Decodes HEVC-coded HEIF (iPhone photos) with libheif in WebAssembly, off the event loop: in one
 * worker thread, so one image at a time in the process, with a heap limit and a timeout past
 * which the thread is stopped and replaced. The caller bounds the pixels from the header first.
 */
export class HevcDecoder {
  private readonly pool: ThreadPool<HevcJob, RawImage>;

  constructor(limits: HevcDecoderLimits) {
    this.pool = new ThreadPool({ entry: WORKER_ENTRY, size: 1, name: 'HEVC decoding', ...limits });
  }

  async decode(bytes: Uint8Array, maxPixels: number, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<HevcDecoded> {
    const outcome = await this.pool.run({ bytes, maxPixels }, options);
    if (outcome.kind === 'done') return { outcome: 'decoded', image: outcome.result };
    if (outcome.kind === 'timeout') return { outcome: 'timeout', detail: `HEVC decoding took more than ${outcome.timeoutMs} ms` };
    return { outcome: 'out-of-memory', detail: `HEVC decoding needed more than its ${outcome.maxHeapMb} MB heap` };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
