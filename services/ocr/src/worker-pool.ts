import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { Language } from './trained-data.js';

export interface PoolOptions {
  readonly size: number;
  readonly languages: readonly Language[];
  readonly langPath: string;
  /** Page segmentation: 6 (one uniform block) keeps a receipt's label and amount on one line. */
  readonly pageSegmentation: PSM;
}

export class OcrAbortedError extends Error {
  override readonly name = 'AbortError';
}

interface Waiter {
  readonly resolve: (worker: Worker) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
}

/**
 * Tesseract workers (one thread each), made on first use up to `size`. A job borrows a worker;
 * a job cut off by its signal terminates the worker it ran on (tesseract cannot stop a
 * recognition half way) and a fresh one is made for the next job.
 */
export class WorkerPool {
  readonly #options: PoolOptions;
  readonly #idle: Worker[] = [];
  readonly #waiting: Waiter[] = [];
  #starting = 0;
  #busy = 0;
  #closed = false;
  /** Workers made so far, replacements included. */
  created = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#options.size;
  }

  /** Runs `job` on a worker; rejects with OcrAbortedError as soon as `signal` aborts. */
  async run<T>(job: (worker: Worker) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#closed) throw new Error('The OCR engine is closed.');
    if (signal?.aborted) throw new OcrAbortedError('The OCR job was aborted before it started.', { cause: signal.reason });
    const worker = await this.#acquire(signal);
    let settled = false;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        if (settled) return;
        settled = true;
        // The worker is mid-recognition: it cannot be reused, so it goes and another comes.
        this.#discard(worker);
        reject(new OcrAbortedError('The OCR job was aborted.', { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const result = await Promise.race([job(worker), aborted]);
      return result;
    } catch (error) {
      if (!settled) {
        // A failed recognition may leave the worker in a bad state: replace it too.
        settled = true;
        this.#discard(worker);
      }
      throw error;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      if (!settled) {
        settled = true;
        this.#release(worker);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error('The OCR engine is closed.'));
    await Promise.all(this.#idle.splice(0).map((worker) => worker.terminate()));
  }

  #acquire(signal: AbortSignal | undefined): Promise<Worker> {
    const idle = this.#idle.pop();
    if (idle) {
      this.#busy++;
      return Promise.resolve(idle);
    }
    return new Promise<Worker>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (worker) => {
          signal?.removeEventListener('abort', onAbort);
          this.#busy++;
          resolve(worker);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        signal,
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(new OcrAbortedError('The OCR job was aborted while waiting for a worker.', { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#grow();
    });
  }

  #grow(): void {
    while (!this.#closed && this.#waiting.length > this.#starting && this.#busy + this.#idle.length + this.#starting < this.#options.size) {
      this.#starting++;
      this.#start().then(
        (worker) => {
          this.#starting--;
          this.#hand(worker);
        },
        (error: unknown) => {
          this.#starting--;
          // A worker that cannot start fails the oldest waiter rather than leaving it hanging.
          this.#waiting.shift()?.reject(error);
        },
      );
    }
  }

  async #start(): Promise<Worker> {
    const { languages, langPath, pageSegmentation } = this.#options;
    this.created++;
    const worker = await createWorker([...languages], OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      // Without a handler, tesseract.js throws a worker's error from a message listener, which ends the process.
      errorHandler: () => undefined,
    });
    // Images are scaled by their line height, not by a known resolution: tell tesseract a usual scan's.
    // Its diagnostics ("Line cannot be recognized!!") would otherwise go to the process's stdout.
    await worker.setParameters({
      tessedit_pageseg_mode: pageSegmentation,
      preserve_interword_spaces: '1',
      user_defined_dpi: '300',
      debug_file: '/dev/null',
    });
    return worker;
  }

  #hand(worker: Worker): void {
    if (this.#closed) {
      void worker.terminate();
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter) waiter.resolve(worker);
    else this.#idle.push(worker);
  }

  #release(worker: Worker): void {
    this.#busy--;
    this.#hand(worker);
  }

  #discard(worker: Worker): void {
    this.#busy--;
    void worker.terminate().catch(() => undefined);
    this.#grow();
  }
}
