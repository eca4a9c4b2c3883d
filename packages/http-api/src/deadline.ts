import { ProblemError } from './problem.js';

/** Seconds a client is asked to wait after a 503. */
export const RETRY_AFTER_SECONDS = 1;

export const unavailable = (code: 'deadline_exceeded' | 'dependency_unavailable', detail: string): ProblemError =>
  new ProblemError(503, code, detail, undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });

/**
 * Runs `work` with a signal that aborts at the deadline; past it, answers 503 with Retry-After
 * at once instead of waiting for a dependency that hangs. Retrying is safe: writes are idempotent.
 */
export async function withinDeadline<T>(deadlineMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        unavailable(
          'deadline_exceeded',
          `The request did not complete within ${deadlineMs} ms; try again in ${RETRY_AFTER_SECONDS} s with the same request.`,
        ),
      );
      controller.abort(new Error('deadline exceeded'));
    }, deadlineMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
