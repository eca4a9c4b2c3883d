import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  deadLetterQueueName,
  queueName,
  queueSettings,
  serviceDependencies,
  type ServiceDependency,
  type ServiceEntry,
} from '@ndf/catalog';
import type { Logger } from 'pino';
import type { ServiceClients } from './aws/clients.js';
import { createOnce } from './effects/index.js';
import { withCorrelation, type MetricsRegistry } from './observability/index.js';
import { sweepDeadLetterQueue, type QuarantineEntry, type QuarantineSink } from './quarantine/index.js';
import { retryTransient } from './resilience/index.js';
import { declaredCall, lazyDependencies, type CallDependency, type DependencyContext, type DependencyFactory } from './dependencies.js';
import { startStreamService, type StreamServiceDefinition } from './stream-service.js';
import { runUntilStopped, startShell, type RunOptions, type RunningService } from './shell.js';
import { AttemptLog } from './sqs/attempt-log.js';
import { Emitter, type Emit } from './sqs/emitter.js';
import { SqsConsumer, type HandlerContext, type InboundMessage } from './sqs/sqs-consumer.js';

/** What a handler gets for one message. `N`: the dependencies it may call, from its catalog entry. */
export interface ServiceContext<N extends string = string> extends Omit<HandlerContext, 'call'> {
  /**
   * Calls a dependency its catalog entry declares through its circuit breaker, retrying short
   * blips with backoff, aborted at the deadline. `fn` receives the signal to hand to the SDK.
   */
  readonly call: CallDependency<N>;
  readonly clients: ServiceClients;
  /** The prefix of this environment's physical names (tables, queues, buckets). */
  readonly prefix: string;
  /** Correlated with the message: correlation id, message id, attempt. */
  readonly log: Logger;
  /** Runs a side effect at most once per key for this service; a repeat gets the stored result. */
  once<T>(effectKey: string, effect: () => Promise<T>): Promise<T>;
  /**
   * Sends work to a downstream service (one its catalog entry emits to) through its queue,
   * carrying this message's correlation id; called through the `sqs` breaker and the deadline.
   */
  emit: Emit;
  /** The service's own counters and latencies, on its metrics endpoint and in its EMF lines (CloudWatch metrics under its name). */
  readonly metrics: Pick<MetricsRegistry, 'increment' | 'observe'>;
}

/** What a quarantine hook is given: the process's clients, and a signal bounding the hook. */
export interface QuarantineHookContext extends Omit<DependencyContext, 'onStop'> {
  readonly signal: AbortSignal;
}

/** A queue worker: its catalog entry, the factory of what its handler works with, and its handler. */
export interface QueueServiceDefinition<E extends ServiceEntry = ServiceEntry, D = undefined> {
  readonly kind: 'queue';
  /** The service's catalog entry: queue, deadline, concurrency, attempts, and what it touches (its breakers). */
  readonly entry: E;
  /** Built once per running service, on its first message (see DependencyFactory). */
  readonly dependencies?: DependencyFactory<D>;
  readonly handle: (message: InboundMessage, context: ServiceContext<ServiceDependency<E>>, dependencies: D) => Promise<void>;
  /**
   * Called once a message of this service is in quarantine (a permanent failure, its attempts
   * exhausted, or swept from the DLQ), to record it where users see it. A failure is logged.
   */
  readonly onQuarantine?: (entry: QuarantineEntry, context: QuarantineHookContext) => Promise<void>;
}

/** Either kind of service a process runs: a queue worker or a stream reader. */
export type ServiceDefinition<E extends ServiceEntry = ServiceEntry, D = undefined> =
  QueueServiceDefinition<E, D> | StreamServiceDefinition<D>;

/** All a service writes: its catalog entry, what its handler works with, and its handler. */
export function defineService<E extends ServiceEntry, D = undefined>(
  definition: Omit<QueueServiceDefinition<E, D>, 'kind'>,
): QueueServiceDefinition<E, D> {
  return { kind: 'queue', ...definition };
}

const CLAIM_GRACE_MS = 1_000;

async function resolveQueueUrl(sqs: SQSClient, name: string, signal: AbortSignal): Promise<string> {
  const { QueueUrl } = await retryTransient(() => sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: signal }), {
    signal,
    attempts: 5,
  });
  if (!QueueUrl) throw new Error(`Queue ${name} has no URL.`);
  return QueueUrl;
}

/**
 * Runs a service until it is asked to stop, in the shell every process has: a queue worker's
 * consumer and DLQ sweeper, or a stream reader (see startStreamService).
 */
export function startService<E extends ServiceEntry, D>(
  definition: ServiceDefinition<E, D>,
  options: RunOptions = {},
): Promise<RunningService> {
  return definition.kind === 'stream' ? startStreamService(definition, options) : startQueueService(definition, options);
}

function startQueueService<E extends ServiceEntry, D>(
  definition: QueueServiceDefinition<E, D>,
  options: RunOptions,
): Promise<RunningService> {
  const { entry } = definition;
  const declared = serviceDependencies(entry);
  return startShell(
    entry.name,
    options,
    async ({ env, signal, prefix, drainMs, logger, clients, metrics, breakers, quarantine: store, runtimeTable }) => {
      const shared = { name: entry.name, env, prefix, clients, log: logger };
      const dependencies = lazyDependencies(definition.dependencies, shared);
      const quarantine = withQuarantineHook(store, definition.onQuarantine, shared, entry.limits.deadlineMs);
      const once = createOnce({ dynamodb: clients.dynamodb, tableName: runtimeTable, service: entry.name });
      const emitter = new Emitter({ sqs: clients.sqs, prefix, entry });
      const { visibilityTimeoutSeconds } = queueSettings(entry);
      const sourceQueueName = queueName(prefix, entry.name);
      const [queueUrl, deadLetterQueueUrl] = await Promise.all([
        resolveQueueUrl(clients.sqs, sourceQueueName, signal),
        resolveQueueUrl(clients.sqs, deadLetterQueueName(prefix, entry.name), signal),
      ]);

      const consumer = new SqsConsumer({
        sqs: clients.sqs,
        queueUrl,
        queueName: sourceQueueName,
        service: entry.name,
        quarantine,
        attemptLog: new AttemptLog(clients.dynamodb, runtimeTable, entry.name),
        breakers,
        dependencies: declared,
        concurrency: entry.limits.concurrency,
        deadlineMs: entry.limits.deadlineMs,
        maxAttempts: entry.limits.maxAttempts,
        visibilityTimeoutSeconds,
        metrics,
        log: ({ level, ...event }) => logger[level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'info'](event),
        handler: async (message, context) =>
          definition.handle(
            message,
            {
              ...context,
              call: declaredCall(entry.name, declared, context.call),
              clients,
              prefix,
              log: withCorrelation(logger, {
                correlationId: message.correlationId,
                messageId: message.messageId,
                attempt: message.attempt,
              }),
              // A claim lives as long as the attempt may: past the deadline the handler is aborted,
              // so a retry (after a crash or a failed attempt) may take the key over within seconds.
              once: (effectKey, effect) => once(effectKey, new Date(context.deadline.getTime() + CLAIM_GRACE_MS), effect),
              emit: (service, body, emitOptions) =>
                context.call('sqs', (signal) => emitter.send(service, body, message.correlationId, signal, emitOptions)),
              metrics,
            },
            await dependencies.get(),
          ),
      });
      const sweeping = new AbortController();
      const sweeper = sweepDeadLetterQueue({
        sqs: clients.sqs,
        store: quarantine,
        service: entry.name,
        deadLetterQueueUrl,
        sourceQueueName,
        signal: sweeping.signal,
      }).catch((error: unknown) => logger.error({ event: 'dlq-sweeper-failed', error: String(error) }));
      consumer.start();
      return {
        startedDetail: { queue: sourceQueueName, concurrency: entry.limits.concurrency, dependencies: declared },
        health: () => ({
          // Every slot held by a handler that ignored its deadline: no work can start until the task is replaced.
          ok: breakers.openDependencies().length === 0 && consumer.abandonedInFlight < entry.limits.concurrency,
          detail: { openBreakers: breakers.openDependencies(), inFlight: consumer.inFlight, abandonedInFlight: consumer.abandonedInFlight },
        }),
        stop: async () => {
          await consumer.stop(drainMs);
          sweeping.abort();
          await sweeper;
          await dependencies.close();
        },
      };
    },
  );
}

/** The quarantine, then the service's own record of it; the message is safe in quarantine whatever the hook does. */
function withQuarantineHook(
  store: QuarantineSink,
  hook: QueueServiceDefinition<ServiceEntry, unknown>['onQuarantine'],
  context: Omit<QuarantineHookContext, 'signal'>,
  deadlineMs: number,
): QuarantineSink {
  if (hook === undefined) return store;
  return {
    quarantine: async (entry) => {
      await store.quarantine(entry);
      const signal = AbortSignal.timeout(deadlineMs);
      await retryTransient(() => hook(entry, { ...context, signal }), { signal }).catch((error: unknown) =>
        context.log.error({ event: 'quarantine-hook-failed', originalId: entry.originalId, error: String(error) }),
      );
    },
  };
}

/** A service's entry point (its main.ts): runs until SIGTERM, drains, and exits 0. */
export function runService<E extends ServiceEntry, D>(definition: ServiceDefinition<E, D>): Promise<void> {
  return runUntilStopped(startService(definition));
}
