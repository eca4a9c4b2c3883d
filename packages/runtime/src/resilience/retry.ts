import { backOff } from 'exponential-backoff';
import { DependencyUnavailableError, classifyFailure } from './classify.js';
import { wait } from '../lifecycle/wait.js';

export interface RetryOptions {
  /** Ends the retries at once, the current wait included; the promise rejects with its reason. */
  readonly signal: AbortSignal;
  /** Attempts in all, the first included. Default 3. */
  readonly attempts?: number;
  /** The ceiling of the first wait; it doubles after each failure. Default 50. */
  readonly startingDelayMs?: number;
  /** The largest ceiling of a wait. Default 1000. */
  readonly maxDelayMs?: number;
  /** Called before each wait, with the failure and the number of the attempt that failed (1 for the first). */
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

function retryable(error: unknown): boolean {
  // An open breaker has already said no: retrying at once would only ask it again.
  return !(error instanceof DependencyUnavailableError) && classifyFailure(error) === 'transient';
}

/**
 * Calls `fn` until it succeeds, retrying only transient failures, with an exponential backoff
 * and full jitter between attempts. `fn` receives the attempt number (1 for the first).
 */
export function retryTransient<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { signal, attempts = 3, startingDelayMs = 50, maxDelayMs = 1_000, onRetry } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  let attempt = 0;
  // exponential-backoff's own wait cannot be cancelled, so it is set to nothing and the
  // jittered wait happens in its retry hook, where an abort ends it.
  const attemptsDone = backOff(
    () => {
      attempt += 1;
      return fn(attempt);
    },
    {
      numOfAttempts: attempts,
      startingDelay: 0,
      jitter: 'none',
      retry: async (error: unknown, failed: number) => {
        if (signal.aborted || failed >= attempts || !retryable(error)) return false;
        onRetry?.(error, failed);
        const ceiling = Math.min(maxDelayMs, startingDelayMs * 2 ** (failed - 1));
        await wait(Math.random() * ceiling, signal);
        return true;
      },
    },
  );
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    attemptsDone.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
