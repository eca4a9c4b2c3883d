import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WORKER_READY, type JobMessage, type ReplyMessage } from './protocol.js';

export interface ThreadPoolOptions {
  /** The worker module, which calls serveJobs: a .ts source runs through tsx (development), a .js as it is. */
  readonly entry: URL;
  /** Threads, each running one job at a time. */
  readonly size: number;
  /** V8 heap of each thread: a job that needs more ends its thread, not the process. */
  readonly maxHeapMb: number;
  /** A job's time once a ready thread takes it, unless the job says otherwise. */
  readonly timeoutMs: number;
  /** What the threads do, for error messages ("PDF inspection"). */
  readonly name: string;
}

export interface RunOptions {
  /** Aborting rejects with the signal's reason, and stops the thread if the job had started. */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Buffers of the job handed over to the thread rather than copied. */
  readonly transfer?: readonly ArrayBuffer[];
}

/** A job's end: its result, or the limit that stopped it (its thread is then replaced). */
export type ThreadOutcome<R> =
  | { readonly kind: 'done'; readonly result: R }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'out-of-memory'; readonly maxHeapMb: number };

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsLoader) (await import(workerData.tsLoader)).register();
  await import(workerData.entry);
})();
`;

interface Pending<J, R> {
  readonly job: J;
  readonly options: RunOptions;
  readonly leaveQueue: () => void;
  readonly resolve: (outcome: ThreadOutcome<R>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Worker threads kept warm, each with a heap limit: a job that loops or swells is cut off by
 * its timeout or its thread's heap limit, becomes an outcome (not an exception), and its thread
 * is replaced. A job's error, an abort, or a thread that cannot start rejects.
 */
export class ThreadPool<J, R> {
  private readonly idle: Worker[] = [];
  private readonly live = new Set<Worker>();
  private readonly queue: Pending<J, R>[] = [];
  private readonly tsLoader: string | undefined;
  private starting = 0;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: ThreadPoolOptions) {
    this.tsLoader = extname(fileURLToPath(options.entry)) === '.ts' ? import.meta.resolve('tsx/esm/api') : undefined;
  }

  get size(): number {
    return this.options.size;
  }

  /** Starts every thread and waits until each is ready. */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.size - this.live.size }, () => this.startWorker()));
  }

  run(job: J, options: RunOptions = {}): Promise<ThreadOutcome<R>> {
    if (this.closed) return Promise.reject(new Error(`the ${this.options.name} pool is closed`));
    options.signal?.throwIfAborted();
    return new Promise<ThreadOutcome<R>>((resolve, reject) => {
      const signal = options.signal;
      const onAbortWhileQueued = () => {
        this.queue.splice(this.queue.indexOf(pending), 1);
        reject(signal!.reason);
      };
      const pending: Pending<J, R> = {
        job,
        options,
        leaveQueue: () => signal?.removeEventListener('abort', onAbortWhileQueued),
        resolve,
        reject,
      };
      signal?.addEventListener('abort', onAbortWhileQueued, { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Stops every thread; jobs still queued are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error(`the ${this.options.name} pool was closed`));
    const workers = [...this.live];
    this.live.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0 && this.idle.length > 0) this.start(this.idle.pop()!, this.queue.shift()!);
    const missing = Math.min(this.queue.length - this.starting, this.options.size - this.live.size);
    for (let index = 0; index < missing; index++) void this.startWorker().catch(() => undefined);
  }

  private startWorker(): Promise<void> {
    this.starting++;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      // A source entry imports workspace packages by their sources, as the development condition says.
      execArgv: this.tsLoader ? ['--conditions=development'] : [],
      workerData: { entry: this.options.entry.href, tsLoader: this.tsLoader },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    this.live.add(worker);
    return new Promise<void>((resolve, reject) => {
      const settle = (failure?: Error) => {
        this.starting--;
        worker.off('message', onMessage).off('error', onFailure).off('exit', onExit);
        if (failure) {
          this.retire(worker);
          // A thread that cannot even start fails what waits, rather than being started again and again.
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
      const onMessage = (message: unknown) => message === WORKER_READY && settle();
      const onFailure = (error: Error) => settle(new Error(`a ${this.options.name} thread failed to start: ${error.message}`));
      const onExit = (code: number) => settle(new Error(`a ${this.options.name} thread exited with code ${code} while starting`));
      worker.on('message', onMessage).on('error', onFailure).on('exit', onExit);
    });
  }

  /**
   * Stops a thread the pool gives up (past its time, aborted, failed): one still running may yet
   * report running out of memory while it is terminated, an error nobody else listens to any more.
   */
  private retire(worker: Worker): void {
    this.live.delete(worker);
    worker.on('error', () => undefined);
    void worker.terminate();
  }

  private start(worker: Worker, pending: Pending<J, R>): void {
    pending.leaveQueue();
    const id = this.nextId++;
    const { signal } = pending.options;
    const timeoutMs = pending.options.timeoutMs ?? this.options.timeoutMs;
    let done = false;
    const finish = (keepWorker: boolean, settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keepWorker && !this.closed) {
        worker.unref();
        this.idle.push(worker);
      } else {
        this.retire(worker);
      }
      settle();
      this.dispatch();
    };
    const onMessage = (reply: ReplyMessage<R>) => {
      if (reply.id !== id) return;
      if ('result' in reply) finish(true, () => pending.resolve({ kind: 'done', result: reply.result }));
      else finish(true, () => pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name })));
    };
    const onError = (error: Error & { code?: string }) =>
      finish(false, () =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? pending.resolve({ kind: 'out-of-memory', maxHeapMb: this.options.maxHeapMb })
          : pending.reject(error),
      );
    const onExit = (code: number) =>
      finish(false, () => pending.reject(new Error(`a ${this.options.name} thread exited with code ${code} before giving a result`)));
    const onAbort = () => finish(false, () => pending.reject(signal!.reason));
    const timer = setTimeout(() => finish(false, () => pending.resolve({ kind: 'timeout', timeoutMs })), timeoutMs);

    worker.ref();
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ id, job: pending.job } satisfies JobMessage<J>, [...(pending.options.transfer ?? [])]);
  }
}
