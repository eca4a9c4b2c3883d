import { errorText } from '@ndf/core';
import { PermanentError } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { QuarantineEntry, QuarantineSink } from '../quarantine/quarantine-entry.js';
import { bisect, type BisectOptions } from './bisect.js';
import type { ShardLease } from './shard-lease.js';
import { poisonEntry, sequenceOf, type PoisonContext, type StreamRecord } from './stream-record.js';
import type { AbandonedHandlers } from '../lifecycle/abandoned-handlers.js';
import { jitteredDelay, untilAborted, wait } from '../lifecycle/wait.js';
import { DependencyUnavailableError, type BreakerRegistry } from '../resilience/index.js';

export type BatchHandler = (records: StreamRecord[], context: { signal: AbortSignal; shardId: string }) => Promise<void>;

/** The handler ran past its deadline; counted as a failure like any other. */
export class HandlerTimeoutError extends Error {
  override readonly name: string = 'TimeoutError';
}

export interface DeliveryOptions extends PoisonContext {
  readonly handleBatch: BatchHandler;
  readonly quarantine: QuarantineSink;
  readonly maxRetries: number;
  readonly retryDelayMs: { readonly starting: number; readonly max: number };
  readonly handlerTimeoutMs?: number | undefined;
  /** How long a handler past its deadline may take to stop before it is counted as abandoned. Default 1000. */
  readonly abandonAfterMs?: number | undefined;
  /** The process's handlers abandoned past their deadline, each still holding its shard. */
  readonly abandoned: AbandonedHandlers;
  readonly metrics: Metrics;
  readonly log: (event: Record<string, unknown>) => void;
  /** While one of these breakers is open, a failing batch waits for it instead of burning its retries. */
  readonly breakers?: BreakerRegistry | undefined;
  readonly dependencies?: readonly string[] | undefined;
}

/**
 * Calls the handler with the signal aborted at the deadline. A handler past its deadline keeps
 * the shard until it stops, so that its records are never tried again beside a copy of it
 * still running (see holdUntilStopped).
 */
async function callHandler(records: StreamRecord[], options: DeliveryOptions, signal: AbortSignal): Promise<void> {
  const timeoutMs = options.handlerTimeoutMs;
  if (timeoutMs === undefined) return options.handleBatch(records, { signal, shardId: options.shardId });
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new HandlerTimeoutError(`the handler took longer than ${timeoutMs} ms`)), timeoutMs);
  const running = options.handleBatch(records, { signal: AbortSignal.any([signal, deadline.signal]), shardId: options.shardId });
  try {
    await untilAborted(running, deadline.signal);
  } catch (error) {
    if (deadline.signal.aborted) await holdUntilStopped(running, records, options, signal);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for a handler past its deadline to stop. One that has not stopped after the grace is
 * abandoned: counted in the process's abandoned handlers (its gauge and the service's health)
 * until it stops, which may be never; only the shard's own stop ends the wait then.
 */
async function holdUntilStopped(running: Promise<void>, records: StreamRecord[], options: DeliveryOptions, signal: AbortSignal) {
  const stopped = running.then(
    () => true,
    () => true,
  );
  const graceOver = new AbortController();
  const graceMs = options.abandonAfterMs ?? 1_000;
  const stoppedInGrace = await Promise.race([
    stopped,
    wait(graceMs, AbortSignal.any([signal, graceOver.signal])).then(() => false),
  ]).finally(() => graceOver.abort());
  if (stoppedInGrace) return;
  options.metrics.increment('stream_abandoned');
  options.log({
    event: 'handler-abandoned',
    shardId: options.shardId,
    records: records.length,
    firstSequence: sequenceOf(records[0]!),
    reason: `the handler ignored its deadline (${options.handlerTimeoutMs} ms) for ${graceMs} ms more: the shard waits for it to stop`,
  });
  await untilAborted(options.abandoned.track(running), signal);
}

/** Quarantines are idempotent per event id, so a failed write is tried again until it lands or the signal aborts. */
async function quarantineDurably(
  sink: QuarantineSink,
  entry: QuarantineEntry,
  options: DeliveryOptions,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sink.quarantine(entry, signal);
      return;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      options.log({ event: 'quarantine-failed', shardId: options.shardId, eventId: entry.originalId, attempt, error: errorText(error) });
      await wait(jitteredDelay(attempt, 200, 10_000), signal);
    }
  }
}

/**
 * An outage is a refused call (an open breaker) or any failure while a needed breaker is open:
 * the batch waits for the breakers to let calls through again, so that a downstream outage
 * never turns good records into poison.
 */
function outageHandling(options: DeliveryOptions): Pick<BisectOptions<StreamRecord>, 'isOutage' | 'awaitRecovery'> {
  const { breakers, dependencies = [] } = options;
  if (breakers === undefined) return {};
  return {
    isOutage: (error) =>
      error instanceof DependencyUnavailableError || breakers.openDependencies().some((open) => dependencies.includes(open)),
    awaitRecovery: async (signal) => {
      options.metrics.increment('stream_paused');
      options.log({ event: 'stream-paused', shardId: options.shardId, openBreakers: breakers.openDependencies() });
      await breakers.whenAvailable([...new Set([...dependencies, ...breakers.openDependencies()])], signal);
      // Half-open lets one call through: a short jittered wait keeps the shards from all probing at once.
      await wait(100 + Math.random() * 400, signal);
    },
  };
}

/**
 * Hands one page of a shard to the handler, bisecting around failures, and checkpoints
 * after each run handled and each record quarantined, so that the shard moves on past a
 * poison record and a restart resumes after the last record done.
 */
export async function deliverBatch(
  records: StreamRecord[],
  lease: ShardLease,
  options: DeliveryOptions,
  signal: AbortSignal,
): Promise<void> {
  const { metrics, log, shardId } = options;
  await lease.assertHeld();
  await bisect(records, {
    signal,
    maxRetries: options.maxRetries,
    startingDelayMs: options.retryDelayMs.starting,
    maxDelayMs: options.retryDelayMs.max,
    isPermanent: (error) => error instanceof PermanentError,
    ...outageHandling(options),
    handle: async (batch) => {
      const startedAt = Date.now();
      try {
        await callHandler([...batch], options, signal);
        metrics.increment('stream_handled', batch.length);
      } catch (error) {
        metrics.increment('stream_handler_failed');
        log({ event: 'batch-failed', shardId, records: batch.length, firstSequence: sequenceOf(batch[0]!), error: errorText(error) });
        throw error;
      } finally {
        metrics.observe('stream_handler_ms', Date.now() - startedAt);
      }
    },
    onHandled: (batch) => lease.checkpoint(sequenceOf(batch[batch.length - 1]!)),
    onRetry: () => metrics.increment('stream_retried'),
    onSplit: (batch) => {
      metrics.increment('stream_bisected');
      log({ event: 'batch-bisected', shardId, records: batch.length });
    },
    onPoison: async (record, poison) => {
      const entry = poisonEntry(record, poison, options);
      await quarantineDurably(options.quarantine, entry, options, signal);
      metrics.increment('stream_quarantined');
      log({
        event: 'record-quarantined',
        shardId,
        eventId: entry.originalId,
        sequenceNumber: sequenceOf(record),
        attempts: poison.failures.length,
        reason: entry.reason,
      });
      await lease.checkpoint(sequenceOf(record));
    },
  });
}
