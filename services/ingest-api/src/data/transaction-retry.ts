import { setTimeout as sleep } from 'node:timers/promises';

const ATTEMPTS = 3;

function isConflict(error: unknown): boolean {
  const shape = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (shape?.name === 'TransactionConflictException') return true;
  return shape?.name === 'TransactionCanceledException' && (shape.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
}

/**
 * Runs a transaction again, after a short random pause, when another one held one of its items
 * (the SDK does not retry a cancelled transaction): receipts asked for the same note at once
 * must all get in rather than answer 503.
 */
export async function retryOnConflict<T>(write: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isConflict(error) || signal.aborted) throw error;
      await sleep(5 + Math.random() * 20 * attempt, undefined, { signal });
    }
  }
}
