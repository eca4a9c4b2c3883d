import { parentPort } from 'node:worker_threads';
import { WORKER_READY, type JobMessage, type ReplyMessage } from './protocol.js';

export interface ServeOptions<R> {
  /** Done once, before the thread says it is ready (loading a library, say). */
  readonly warmUp?: () => Promise<void> | void;
  /** Buffers of a result handed over to the pool rather than copied. */
  readonly transfers?: (result: R) => ArrayBuffer[];
}

/** The body of a pool's worker module: runs each job it is given, one at a time, and replies. */
export async function serveJobs<J, R>(handle: (job: J) => Promise<R> | R, options: ServeOptions<R> = {}): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread of a ThreadPool.');
  port.on('message', async ({ id, job }: JobMessage<J>) => {
    try {
      const result = await handle(job);
      port.postMessage({ id, result } satisfies ReplyMessage<R>, options.transfers?.(result) ?? []);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id, error: { name, message } } satisfies ReplyMessage<R>);
    }
  });
  await options.warmUp?.();
  port.postMessage(WORKER_READY);
}
