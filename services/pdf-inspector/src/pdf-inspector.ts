import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ThreadPool } from '@ndf/thread-pool';
import type { RasterisePolicy } from './inspect-in-process.js';
import type { RasterFormat } from './rasterise.js';
import { DEFAULT_INSPECT_LIMITS, type InspectLimits } from './inspect-limits.js';
import type { InspectResult, PdfRefused } from './inspect-result.js';
import type { InspectionJob, InspectionResult } from './inspection-worker.js';
import { inspectRefusalMessage, type InspectRefusalCode } from './refusals.js';

export interface PdfInspectorOptions {
  /** Worker threads, each inspecting one PDF at a time; by default the cores, at most 2. */
  readonly workers?: number;
  readonly limits?: Partial<InspectLimits>;
}

export interface InspectOptions {
  /** Which pages get an image for OCR; by default the scanned ones. */
  readonly rasterise?: RasterisePolicy;
  /** PNG by default. */
  readonly rasterFormat?: RasterFormat;
  /** Aborting rejects with the signal's reason, and stops the worker thread if the job had started. */
  readonly signal?: AbortSignal;
  /** This inspection's time bound, when not the inspector's. */
  readonly timeoutMs?: number;
}

// Threads run this module's neighbour: the .ts source through tsx in development, the .js once built.
const WORKER_ENTRY = new URL(`./inspection-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Inspects PDFs in worker threads kept warm (loading pdf.js costs about a second): a hostile file
 * that loops or swells is cut off by the timeout or the thread's heap limit, refused, its thread
 * replaced, and the service goes on. The timeout counts from the moment a ready thread takes
 * the job. A refusal is a result; an abort, or a failure of the machinery, rejects.
 */
export class PdfInspector {
  private readonly limits: InspectLimits;
  private readonly pool: ThreadPool<InspectionJob, InspectionResult>;

  constructor(options: PdfInspectorOptions = {}) {
    this.limits = { ...DEFAULT_INSPECT_LIMITS, ...options.limits };
    this.pool = new ThreadPool({
      entry: WORKER_ENTRY,
      size: Math.max(1, options.workers ?? Math.min(2, availableParallelism())),
      maxHeapMb: this.limits.maxHeapMb,
      timeoutMs: this.limits.timeoutMs,
      name: 'PDF inspection',
    });
  }

  /** Starts every thread and waits until each has loaded pdf.js: call it when the service starts. */
  warmUp(): Promise<void> {
    return this.pool.warmUp();
  }

  async inspect(bytes: Uint8Array, options: InspectOptions = {}): Promise<InspectResult> {
    // A copy: its buffer is handed over to the thread.
    const copy = new Uint8Array(bytes);
    const settings = { limits: this.limits, rasterise: options.rasterise ?? 'scanned', rasterFormat: options.rasterFormat ?? 'png' };
    const outcome = await this.pool.run(
      { bytes: copy, settings },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        transfer: [copy.buffer as ArrayBuffer],
      },
    );
    if (outcome.kind === 'timeout') return this.refuse('processing-timeout', `no result after ${outcome.timeoutMs} ms`);
    if (outcome.kind === 'out-of-memory') return this.refuse('too-complex', `the worker ran out of its ${outcome.maxHeapMb} MB heap`);
    const { result } = outcome;
    return result.outcome === 'refused' ? this.refuse(result.code, result.detail) : result;
  }

  /** Stops every thread; inspections still queued are rejected. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private refuse(code: InspectRefusalCode, detail: string): PdfRefused {
    return { outcome: 'refused', code, message: inspectRefusalMessage(code, this.limits.maxPages), detail };
  }
}
