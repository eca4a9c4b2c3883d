import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { AbandonedHandlers } from '../lifecycle/abandoned-handlers.js';
import { noMetrics, type Metrics } from '../observability/metrics.js';
import type { QuarantineSink } from '../quarantine/quarantine-entry.js';
import type { BreakerRegistry } from '../resilience/index.js';
import { CheckpointTable } from './checkpoints.js';
import { deliverBatch, type BatchHandler, type DeliveryOptions } from './deliver-batch.js';
import { readyShards } from './shard-lineage.js';
import { ShardLease } from './shard-lease.js';
import { readShard } from './shard-reader.js';
import { latestStreamArn, listShards } from './stream-shards.js';

export interface StreamConsumerOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  /** Physical name of the table whose stream is read. */
  readonly tableName: string;
  /** Whose checkpoints these are, e.g. the service: consumers of one name share the work. */
  readonly consumerName: string;
  /** Physical name of the catalog's `runtime` table. */
  readonly checkpointTable: string;
  readonly handleBatch: BatchHandler;
  readonly quarantine: QuarantineSink;
  readonly service: string;
  /** Stops reading; the batches in hand are given the signal, and what is done is checkpointed. */
  readonly signal: AbortSignal;
  /** Records per GetRecords, and so per first call of the handler. Default 100. */
  readonly batchSize?: number;
  /** Retries of a batch before it is split or, alone, quarantined. Default 3. */
  readonly maxRetries?: number;
  /** The wait before reading an idle shard again. Default 250. */
  readonly pollIntervalMs?: number;
  /** See ShardReaderOptions.creationTimeGranularityMs. Default 0. */
  readonly creationTimeGranularityMs?: number;
  /**
   * The handler's signal aborts after this long, and the attempt counts as failed; the shard
   * tries its records again only once the handler has stopped.
   */
  readonly handlerTimeoutMs?: number;
  /** How long a handler past its deadline may take to stop before it is counted as abandoned. Default 1000. */
  readonly abandonAfterMs?: number;
  /** Where handlers abandoned past their deadline are counted; by default the `abandoned_in_flight` gauge of `metrics`. */
  readonly abandoned?: AbandonedHandlers;
  /** The ceilings of the first and of the longest wait before a retry. Default 100 and 5000. */
  readonly retryDelayMs?: { readonly starting: number; readonly max: number };
  /** How often the stream is listed again for new shards. Default 10 s. */
  readonly discoveryIntervalMs?: number;
  /** How long a shard stays with a consumer that stopped renewing its lease. Default 10 s. */
  readonly leaseDurationMs?: number;
  readonly metrics?: Metrics;
  readonly log?: (event: Record<string, unknown>) => void;
  /** The breakers the handler calls through; while one of `dependencies` is open, the shard waits. */
  readonly breakers?: BreakerRegistry;
  readonly dependencies?: readonly string[];
}

type ShardOutcome = 'finished' | 'stopped' | 'held-elsewhere' | 'failed';

/** Resolves at once when woken, after `ms` otherwise, or when the signal aborts. */
function pause(ms: number, signal: AbortSignal, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    onWake(done);
  });
}

/**
 * Reads the table's stream until `signal` aborts, with the semantics of Lambda's event
 * source mapping with bisecting, retries and partial batch responses: every shard in
 * order, a child only once its parent is read to its end; a failing batch retried, then
 * bisected down to the record that fails alone, which is quarantined with its images
 * while the shard moves on. Checkpoints after each run handled: at least once, in order.
 */
export async function consumeStream(options: StreamConsumerOptions): Promise<void> {
  const { signal } = options;
  const log = options.log ?? (() => undefined);
  const metrics = options.metrics ?? noMetrics;
  const abandoned = options.abandoned ?? AbandonedHandlers.reportingTo(metrics);
  const streamArn = await latestStreamArn(options.dynamodb, options.tableName, signal);
  const checkpoints = new CheckpointTable({
    dynamodb: options.dynamodb,
    tableName: options.checkpointTable,
    consumerName: options.consumerName,
    streamArn,
    owner: `${hostname()}:${process.pid}:${randomUUID()}`,
    leaseDurationMs: options.leaseDurationMs ?? 10_000,
  });
  const readers = new Map<string, Promise<ShardOutcome>>();
  // A finished shard asks for a listing at once, so that its children start without waiting.
  let listingAsked = false;
  let wakeNow = (): void => undefined;
  const wake = (): void => {
    listingAsked = true;
    wakeNow();
  };

  const delivery = (shardId: string): DeliveryOptions => ({
    service: options.service,
    consumerName: options.consumerName,
    table: options.tableName,
    shardId,
    handleBatch: options.handleBatch,
    quarantine: options.quarantine,
    maxRetries: options.maxRetries ?? 3,
    retryDelayMs: options.retryDelayMs ?? { starting: 100, max: 5_000 },
    handlerTimeoutMs: options.handlerTimeoutMs,
    abandonAfterMs: options.abandonAfterMs,
    abandoned,
    metrics,
    log,
    breakers: options.breakers,
    dependencies: options.dependencies,
  });

  const runShard = async (shardId: string): Promise<ShardOutcome> => {
    const checkpoint = await checkpoints.acquire(shardId);
    if (!checkpoint) return 'held-elsewhere';
    const lease = new ShardLease(checkpoints, shardId, log);
    if (checkpoint.finished) {
      // Another consumer finished it between the listing and the lease.
      await lease.release();
      return 'finished';
    }
    const readerSignal = AbortSignal.any([signal, lease.signal]);
    log({ event: 'shard-started', shardId, after: checkpoint.sequenceNumber ?? 'TRIM_HORIZON' });
    try {
      const outcome = await readShard({
        streams: options.streams,
        streamArn,
        shardId,
        startAfter: checkpoint.sequenceNumber,
        lease,
        batchSize: options.batchSize ?? 100,
        pollIntervalMs: options.pollIntervalMs ?? 250,
        ...(options.creationTimeGranularityMs === undefined ? {} : { creationTimeGranularityMs: options.creationTimeGranularityMs }),
        deliver: (records) => deliverBatch(records, lease, delivery(shardId), readerSignal),
        signal: readerSignal,
        metrics,
        log,
      });
      log({ event: `shard-${outcome}`, shardId });
      return outcome;
    } catch (error) {
      if (readerSignal.aborted) return 'stopped';
      metrics.increment('stream_shard_failed');
      log({ event: 'shard-failed', shardId, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return 'failed';
    } finally {
      await lease.release();
    }
  };

  while (!signal.aborted) {
    try {
      const [shards, states] = await Promise.all([listShards(options.streams, streamArn, signal), checkpoints.list(signal)]);
      const finished = new Set([...states.values()].filter((state) => state.finished).map((state) => state.shardId));
      const now = Date.now();
      for (const shard of readyShards(shards, finished, new Set(readers.keys()))) {
        const state = states.get(shard.shardId);
        if (state?.owner !== undefined && state.owner !== checkpoints.owner && state.leaseExpiresAt > now) continue;
        const reader = runShard(shard.shardId)
          .catch((error: unknown): ShardOutcome => {
            log({ event: 'shard-failed', shardId: shard.shardId, error: String(error) });
            return 'failed';
          })
          .then((outcome) => {
            readers.delete(shard.shardId);
            // Its children may be read now; a failed shard waits for the next listing.
            if (outcome === 'finished') wake();
            return outcome;
          });
        readers.set(shard.shardId, reader);
      }
      metrics.gauge('stream_shards_reading', readers.size);
    } catch (error) {
      if (signal.aborted) break;
      metrics.increment('stream_discovery_failed');
      log({ event: 'discovery-failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
    if (!listingAsked) await pause(options.discoveryIntervalMs ?? 10_000, signal, (done) => (wakeNow = done));
    listingAsked = false;
  }
  await Promise.all(readers.values());
}
