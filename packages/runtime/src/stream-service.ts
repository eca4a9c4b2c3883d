import { tableName } from '@ndf/catalog';
import type { Logger } from 'pino';
import type { ServiceClients } from './aws/clients.js';
import type { BreakerRegistry } from './resilience/index.js';
import { runUntilStopped, startShell, type RunOptions, type RunningService } from './shell.js';
import { consumeStream } from './stream/stream-consumer.js';
import type { StreamRecord } from './stream/stream-record.js';
import { retryTransient } from './resilience/index.js';

export interface StreamBatchContext {
  readonly signal: AbortSignal;
  readonly shardId: string;
  readonly clients: ServiceClients;
  /** The prefix of this environment's physical names (queues, tables, buckets). */
  readonly prefix: string;
  readonly log: Logger;
  /** Calls a dependency through its breaker with short retries, aborted with the batch. */
  call<T>(dependency: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface StreamServiceDefinition {
  readonly name: string;
  /** The catalog table whose stream is read. */
  readonly table: string;
  /** Dependencies (names given to `context.call`) whose open breaker makes the shard wait. */
  readonly dependencies?: readonly string[];
  readonly batchSize?: number;
  readonly maxRetries?: number;
  readonly handlerTimeoutMs?: number;
  /** Handles one run of records of a shard, in order; throws to have it retried and bisected. */
  readonly handleBatch: (records: StreamRecord[], context: StreamBatchContext) => Promise<void>;
}

export function defineStreamService(definition: StreamServiceDefinition): StreamServiceDefinition {
  return definition;
}

/**
 * Reads a table's stream until asked to stop, with the semantics of Lambda's event source
 * mapping (see consumeStream), in the shell every process has.
 */
export function startStreamService(definition: StreamServiceDefinition, options: RunOptions = {}): Promise<RunningService> {
  return startShell(definition.name, options, async ({ prefix, logger, clients, metrics, breakers, quarantine, runtimeTable }) => {
    const reading = new AbortController();
    const consuming = consumeStream({
      dynamodb: clients.dynamodb,
      streams: clients.dynamodbStreams,
      tableName: tableName(prefix, definition.table),
      consumerName: definition.name,
      checkpointTable: runtimeTable,
      quarantine,
      service: definition.name,
      signal: reading.signal,
      metrics,
      breakers,
      dependencies: definition.dependencies ?? [],
      log: (event) => logger.info(event),
      ...(definition.batchSize ? { batchSize: definition.batchSize } : {}),
      ...(definition.maxRetries !== undefined ? { maxRetries: definition.maxRetries } : {}),
      ...(definition.handlerTimeoutMs ? { handlerTimeoutMs: definition.handlerTimeoutMs } : {}),
      handleBatch: (records, { signal: batchSignal, shardId }) =>
        definition.handleBatch(records, {
          signal: batchSignal,
          shardId,
          clients,
          prefix,
          log: logger.child({ shardId }),
          call: callThrough(breakers, batchSignal),
        }),
    }).catch((error: unknown) => logger.error({ event: 'stream-consumer-failed', error: String(error) }));
    return {
      startedDetail: { table: definition.table },
      stop: async () => {
        // The batch in hand is cut off and not checkpointed: the next reader of the shard gets it again.
        reading.abort(new Error('stopping'));
        await consuming;
      },
    };
  });
}

function callThrough(breakers: BreakerRegistry, signal: AbortSignal) {
  return <T>(dependency: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    retryTransient(() => breakers.call(dependency, () => fn(signal)), { signal });
}

export function runStreamService(definition: StreamServiceDefinition): Promise<void> {
  return runUntilStopped(startStreamService(definition));
}
