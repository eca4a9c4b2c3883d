/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Full jitter: a random wait below a ceiling that doubles with each retry (1 for the first). */
export function jitteredDelay(retry: number, startingDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  return random() * Math.min(maxDelayMs, startingDelayMs * 2 ** (retry - 1));
}

/**
 * Settles as `work` does, or rejects with the signal's reason as soon as it aborts: a bound
 * on a call that may not heed its signal. The work itself goes on; its outcome is then ignored.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
