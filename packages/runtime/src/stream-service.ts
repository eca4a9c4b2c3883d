import { routerDependencies, tableName, type RouterDependency, type StreamRouterEntry } from '@ndf/catalog';
import type { Logger } from 'pino';
import type { ServiceClients } from './aws/clients.js';
import { callThrough, declaredCall, lazyDependencies, type CallDependency, type DependencyFactory } from './dependencies.js';
import { AbandonedHandlers } from './lifecycle/abandoned-handlers.js';
import { startShell, type RunOptions, type RunningService } from './shell.js';
import { consumeStream } from './stream/stream-consumer.js';
import type { StreamRecord } from './stream/stream-record.js';

export interface StreamBatchContext {
  readonly signal: AbortSignal;
  readonly shardId: string;
  readonly clients: ServiceClients;
  /** The prefix of this environment's physical names (queues, tables, buckets). */
  readonly prefix: string;
  readonly log: Logger;
  /** Calls a dependency the router's entry declares through its breaker with short retries, aborted with the batch. */
  readonly call: CallDependency<RouterDependency>;
}

/** A stream reader: its catalog entry (table, batch size, retries, deadline), what it works with, and its batch handler. */
export interface StreamServiceDefinition<D = undefined> {
  readonly kind: 'stream';
  readonly entry: StreamRouterEntry;
  /** Built once per running service, on its first batch (see DependencyFactory). */
  readonly dependencies?: DependencyFactory<D>;
  /** Handles one run of records of a shard, in order; throws to have it retried and bisected. */
  readonly handleBatch: (records: StreamRecord[], context: StreamBatchContext, dependencies: D) => Promise<void>;
}

export function defineStreamService<D = undefined>(definition: Omit<StreamServiceDefinition<D>, 'kind'>): StreamServiceDefinition<D> {
  return { kind: 'stream', ...definition };
}

/**
 * Reads a table's stream until asked to stop, with the semantics of Lambda's event source
 * mapping (see consumeStream), in the shell every process has.
 */
/** NDF_STREAM_TIMESTAMP_GRANULARITY_MS: what the local stack sets for DynamoDB Local, which stamps records to the minute. */
function streamTimestampGranularityMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.NDF_STREAM_TIMESTAMP_GRANULARITY_MS ?? 0);
  if (!(Number.isInteger(value) && value >= 0))
    throw new Error(`NDF_STREAM_TIMESTAMP_GRANULARITY_MS=${env.NDF_STREAM_TIMESTAMP_GRANULARITY_MS} is not a whole number of ms.`);
  return value;
}

export function startStreamService<D>(definition: StreamServiceDefinition<D>, options: RunOptions = {}): Promise<RunningService> {
  const { entry } = definition;
  // While a dependency is unreachable, shards wait rather than bisect good changes into quarantine.
  const declared = routerDependencies(entry);
  return startShell(entry.name, options, async ({ env, prefix, logger, clients, metrics, breakers, quarantine, runtimeTable }) => {
    const dependencies = lazyDependencies(definition.dependencies, { name: entry.name, env, prefix, clients, log: logger });
    const reading = new AbortController();
    const abandoned = AbandonedHandlers.reportingTo(metrics);
    const consuming = consumeStream({
      dynamodb: clients.dynamodb,
      streams: clients.dynamodbStreams,
      tableName: tableName(prefix, entry.table),
      consumerName: entry.name,
      checkpointTable: runtimeTable,
      quarantine,
      service: entry.name,
      signal: reading.signal,
      metrics,
      breakers,
      dependencies: declared,
      log: (event) => logger.info(event),
      batchSize: entry.batchSize,
      maxRetries: entry.maxRetries,
      handlerTimeoutMs: entry.deadlineMs,
      creationTimeGranularityMs: streamTimestampGranularityMs(env),
      abandoned,
      handleBatch: async (records, { signal: batchSignal, shardId }) =>
        definition.handleBatch(
          records,
          {
            signal: batchSignal,
            shardId,
            clients,
            prefix,
            log: logger.child({ shardId }),
            call: declaredCall(entry.name, declared, callThrough(breakers, batchSignal)),
          },
          await dependencies.get(),
        ),
    }).catch((error: unknown) => logger.error({ event: 'stream-consumer-failed', error: String(error) }));
    return {
      startedDetail: { table: entry.table, dependencies: declared },
      health: () => ({
        // A shard held by a handler that ignored its deadline moves no more until the task is replaced.
        ok: breakers.openDependencies().length === 0 && abandoned.inFlight === 0,
        detail: { openBreakers: breakers.openDependencies(), abandonedInFlight: abandoned.inFlight },
      }),
      stop: async () => {
        // The batch in hand is cut off and not checkpointed: the next reader of the shard gets it again.
        reading.abort(new Error('stopping'));
        await consuming;
        await dependencies.close();
      },
    };
  });
}
