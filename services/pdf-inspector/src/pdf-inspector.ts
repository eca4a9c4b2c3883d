import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RasterisePolicy } from './inspect-in-process.js';
import type { RasterFormat } from './rasterise.js';
import { DEFAULT_INSPECT_LIMITS, type InspectLimits } from './inspect-limits.js';
import type { InspectResult, PdfRefused } from './inspect-result.js';
import type { InspectionJob, InspectionReply } from './inspection-worker.js';
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

// Workers run this module's neighbour: the .ts source through tsx in development, the .js once built.
const ownExtension = extname(fileURLToPath(import.meta.url));
const WORKER_ENTRY = new URL(`./inspection-worker${ownExtension}`, import.meta.url).href;
const TS_LOADER = ownExtension === '.ts' ? import.meta.resolve('tsx/esm/api') : undefined;
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsLoader) (await import(workerData.tsLoader)).register();
  await import(workerData.entry);
})();
`;
/** Mirrors WORKER_READY in inspection-worker.ts, which this module must not import at run time. */
const READY = 'ready';

interface Pending {
  readonly bytes: Uint8Array;
  readonly rasterise: RasterisePolicy;
  readonly rasterFormat: RasterFormat;
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  readonly leaveQueue: () => void;
  readonly resolve: (result: InspectResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Inspects PDFs in worker threads kept warm (loading pdf.js costs about a second): a hostile file
 * that loops or swells is cut off by the timeout or the worker's heap limit, its worker is
 * replaced, and the service goes on. The timeout counts from the moment a ready worker takes the
 * job. A refusal is a result; an abort, or a failure of the machinery, rejects.
 */
export class PdfInspector {
  private readonly limits: InspectLimits;
  private readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly live = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private starting = 0;
  private nextId = 0;
  private closed = false;

  constructor(options: PdfInspectorOptions = {}) {
    this.limits = { ...DEFAULT_INSPECT_LIMITS, ...options.limits };
    this.size = Math.max(1, options.workers ?? Math.min(2, availableParallelism()));
  }

  /** Starts every worker and waits until each has loaded pdf.js: call it when the service starts. */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.size - this.live.size }, () => this.startWorker()));
  }

  inspect(bytes: Uint8Array, options: InspectOptions = {}): Promise<InspectResult> {
    if (this.closed) return Promise.reject(new Error('the PDF inspector is closed'));
    options.signal?.throwIfAborted();
    return new Promise<InspectResult>((resolve, reject) => {
      const signal = options.signal;
      const onAbortWhileQueued = () => {
        this.queue.splice(this.queue.indexOf(pending), 1);
        reject(signal!.reason);
      };
      const pending: Pending = {
        // A copy: its buffer is handed over to the worker.
        bytes: new Uint8Array(bytes),
        rasterise: options.rasterise ?? 'scanned',
        rasterFormat: options.rasterFormat ?? 'png',
        ...(signal ? { signal } : {}),
        timeoutMs: options.timeoutMs ?? this.limits.timeoutMs,
        leaveQueue: () => signal?.removeEventListener('abort', onAbortWhileQueued),
        resolve,
        reject,
      };
      signal?.addEventListener('abort', onAbortWhileQueued, { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Stops every worker; inspections still queued are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the PDF inspector was closed'));
    const workers = [...this.live];
    this.live.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0 && this.idle.length > 0) this.run(this.idle.pop()!, this.queue.shift()!);
    const missing = Math.min(this.queue.length - this.starting, this.size - this.live.size);
    for (let index = 0; index < missing; index++) void this.startWorker().catch(() => undefined);
  }

  private startWorker(): Promise<void> {
    this.starting++;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      execArgv: [],
      workerData: { entry: WORKER_ENTRY, tsLoader: TS_LOADER },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    this.live.add(worker);
    return new Promise<void>((resolve, reject) => {
      const settle = (failure?: Error) => {
        this.starting--;
        worker.off('message', onMessage).off('error', onFailure).off('exit', onExit);
        if (failure) {
          this.live.delete(worker);
          void worker.terminate();
          // A worker that cannot even start fails what waits, rather than being started again and again.
          for (const pending of this.queue.splice(0)) pending.reject(failure);
          reject(failure);
          return;
        }
        worker.unref();
        if (this.closed) void worker.terminate();
        else this.idle.push(worker);
        resolve();
        this.dispatch();
      };
      const onMessage = (message: unknown) => message === READY && settle();
      const onFailure = (error: Error) => settle(new Error(`a PDF inspection worker failed to start: ${error.message}`));
      const onExit = (code: number) => settle(new Error(`a PDF inspection worker exited with code ${code} while starting`));
      worker.on('message', onMessage).on('error', onFailure).on('exit', onExit);
    });
  }

  private run(worker: Worker, pending: Pending): void {
    pending.leaveQueue();
    const id = this.nextId++;
    const refuse = (code: InspectRefusalCode, detail: string): PdfRefused => ({
      outcome: 'refused',
      code,
      message: inspectRefusalMessage(code, this.limits.maxPages),
      detail,
    });
    let done = false;
    const finish = (keepWorker: boolean, settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pending.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keepWorker && !this.closed) {
        worker.unref();
        this.idle.push(worker);
      } else {
        this.live.delete(worker);
        void worker.terminate();
      }
      settle();
      this.dispatch();
    };
    const onMessage = (reply: InspectionReply) => {
      if (reply.id !== id) return;
      if ('result' in reply) {
        const { result } = reply;
        finish(true, () => pending.resolve(result.outcome === 'refused' ? refuse(result.code, result.detail) : result));
      } else finish(true, () => pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name })));
    };
    const onError = (error: Error & { code?: string }) =>
      finish(false, () =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? pending.resolve(refuse('too-complex', `the worker ran out of its ${this.limits.maxHeapMb} MB heap`))
          : pending.reject(error),
      );
    const onExit = (code: number) =>
      finish(false, () => pending.reject(new Error(`a PDF inspection worker exited with code ${code} before giving a result`)));
    const onAbort = () => finish(false, () => pending.reject(pending.signal!.reason));
    const timer = setTimeout(
      () => finish(false, () => pending.resolve(refuse('processing-timeout', `no result after ${pending.timeoutMs} ms`))),
      pending.timeoutMs,
    );

    worker.ref();
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    pending.signal?.addEventListener('abort', onAbort, { once: true });
    const job: InspectionJob = {
      id,
      bytes: pending.bytes,
      settings: { limits: this.limits, rasterise: pending.rasterise, rasterFormat: pending.rasterFormat },
    };
    worker.postMessage(job, [pending.bytes.buffer as ArrayBuffer]);
  }
}
