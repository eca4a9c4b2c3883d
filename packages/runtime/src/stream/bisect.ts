import { describeError as describe } from '@ndf/core';
import type { AttemptFailure } from '../quarantine/quarantine-entry.js';
import { jitteredDelay, wait } from '../lifecycle/wait.js';

/** Why an item was given up on: every attempt that included it, oldest first. */
export interface Poison {
  readonly failures: readonly AttemptFailure[];
  readonly lastError: unknown;
}

export interface BisectOptions<T> {
  readonly handle: (items: readonly T[]) => Promise<void>;
  /** Called in order with each run of items handled, before the next run is tried. */
  readonly onHandled: (items: readonly T[]) => Promise<void>;
  /** Called in order with each item that failed alone; the items after it are tried next. */
  readonly onPoison: (item: T, poison: Poison) => Promise<void>;
  /** Ends the work at once, the current wait included; the promise rejects with its reason. */
  readonly signal: AbortSignal;
  /** Retries of a batch after its first failure, before it is split or, alone, given up on. */
  readonly maxRetries: number;
  /** A failure that retrying cannot fix: a batch is split at once, an item given up on at once. */
  readonly isPermanent: (error: unknown) => boolean;
  /**
   * Whether a failure comes from an outage of a dependency rather than from the items: such a
   * failure is not counted; the batch waits (`awaitRecovery`) and is tried again whole.
   */
  readonly isOutage?: (error: unknown) => boolean;
  readonly awaitRecovery?: (signal: AbortSignal) => Promise<void>;
  /** The ceiling of the first wait before a retry; it doubles after each failure. Default 100. */
  readonly startingDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (items: readonly T[], error: unknown, retry: number) => void;
  readonly onSplit?: (items: readonly T[], error: unknown) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Hands `items` to `handle` in order, as a stream event source mapping with bisecting does:
 * a failing batch is retried with backoff and full jitter, then split in halves, each
 * handled the same way in turn, until the item that fails alone is passed to `onPoison`.
 */
export async function bisect<T>(items: readonly T[], options: BisectOptions<T>): Promise<void> {
  const { signal, maxRetries, startingDelayMs = 100, maxDelayMs = 5_000, now = Date.now, random = Math.random } = options;

  const settle = async (batch: readonly T[], inherited: readonly AttemptFailure[]): Promise<void> => {
    const failures = [...inherited];
    let lastError: unknown;
    for (let retry = 0; ; retry += 1) {
      if (retry > 0) await wait(jitteredDelay(retry, startingDelayMs, maxDelayMs, random), signal);
      if (signal.aborted) throw signal.reason;
      const startedAt = now();
      try {
        await options.handle(batch);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (options.isOutage?.(error) && options.awaitRecovery) {
          await options.awaitRecovery(signal);
          retry -= 1;
          continue;
        }
        lastError = error;
        failures.push({
          attempt: failures.length + 1,
          at: new Date(startedAt).toISOString(),
          durationMs: now() - startedAt,
          ...describe(error),
        });
        if (options.isPermanent(error) || retry >= maxRetries) break;
        options.onRetry?.(batch, error, retry + 1);
        continue;
      }
      await options.onHandled(batch);
      return;
    }
    if (batch.length === 1) {
      await options.onPoison(batch[0] as T, { failures, lastError });
      return;
    }
    options.onSplit?.(batch, lastError);
    const middle = Math.ceil(batch.length / 2);
    await settle(batch.slice(0, middle), failures);
    await settle(batch.slice(middle), failures);
  };

  if (items.length > 0) await settle(items, []);
}
