import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_PREFIX, bucketName, deadLetterQueueName, queueName, queueSettings, tableName, type ServiceEntry } from '@ndf/catalog';
import type { Logger } from 'pino';
import { serviceClients, type ServiceClients } from './aws/clients.js';
import { createOnce } from './effects/index.js';
import { shutdownSignal } from './lifecycle/shutdown.js';
import { MetricsRegistry, createLogger, emitEmf, serveMetrics, startHeartbeat, withCorrelation } from './observability/index.js';
import { DynamoQuarantineStore, sweepDeadLetterQueue } from './quarantine/index.js';
import { BreakerRegistry, retryTransient } from './resilience/index.js';
import { AttemptLog } from './sqs/attempt-log.js';
import { Emitter, type Emit } from './sqs/emitter.js';
import { SqsConsumer, type HandlerContext, type InboundMessage } from './sqs/sqs-consumer.js';

export interface ServiceContext extends HandlerContext {
  readonly clients: ServiceClients;
  /** Correlated with the message: correlation id, message id, attempt. */
  readonly log: Logger;
  /** Runs a side effect at most once per key for this service; a repeat gets the stored result. */
  once<T>(effectKey: string, effect: () => Promise<T>): Promise<T>;
  /**
   * Sends work to a downstream service (one its catalog entry emits to) through its queue,
   * carrying this message's correlation id; called through the `sqs` breaker and the deadline.
   */
  emit: Emit;
}

export interface ServiceDefinition {
  /** The service's catalog entry: queue, deadline, concurrency, attempts. */
  readonly entry: ServiceEntry;
  /** Dependencies (names given to `context.call`) whose open breaker pauses receiving. */
  readonly dependencies?: readonly string[];
  readonly handle: (message: InboundMessage, context: ServiceContext) => Promise<void>;
}

/** All a service writes: its catalog entry, the dependencies it calls, and its handler. */
export function defineService(definition: ServiceDefinition): ServiceDefinition {
  return definition;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Stops the service; defaults to SIGTERM, SIGINT or the supervisor going away. */
  readonly signal?: AbortSignal;
  /** How long in-flight messages may finish after a stop. */
  readonly drainMs?: number;
  readonly logger?: Logger;
}

export interface RunningService {
  readonly metricsUrl: string;
  readonly metrics: MetricsRegistry;
  readonly breakers: BreakerRegistry;
  /** Resolves once the service has stopped and drained. */
  readonly stopped: Promise<void>;
}

const CLAIM_GRACE_MS = 1_000;

async function resolveQueueUrl(sqs: SQSClient, name: string, signal: AbortSignal): Promise<string> {
  const { QueueUrl } = await retryTransient(() => sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: signal }), { signal, attempts: 5 });
  if (!QueueUrl) throw new Error(`Queue ${name} has no URL.`);
  return QueueUrl;
}

/** Runs a service until it is asked to stop: consumer, DLQ sweeper, metrics, heartbeat. */
export async function startService(definition: ServiceDefinition, options: RunOptions = {}): Promise<RunningService> {
  const env = options.env ?? process.env;
  const signal = options.signal ?? shutdownSignal();
  const { entry } = definition;
  const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
  const logger = options.logger ?? createLogger({ service: entry.name, level: (env.LOG_LEVEL as 'info' | undefined) ?? 'info' });
  const clients = serviceClients(env);
  const metrics = new MetricsRegistry();
  const breakers = new BreakerRegistry({ metrics });
  const runtimeTable = tableName(prefix, 'runtime');
  const store = new DynamoQuarantineStore({ dynamodb: clients.dynamodb, s3: clients.s3, sqs: clients.sqs, tableName: runtimeTable, bucketName: bucketName(prefix, 'quarantine') });
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
    quarantine: store,
    attemptLog: new AttemptLog(clients.dynamodb, runtimeTable, entry.name),
    breakers,
    dependencies: definition.dependencies ?? [],
    concurrency: entry.limits.concurrency,
    deadlineMs: entry.limits.deadlineMs,
    maxAttempts: entry.limits.maxAttempts,
    visibilityTimeoutSeconds,
    metrics,
    log: ({ level, ...event }) => logger[level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'info'](event),
    handler: (message, context) =>
      definition.handle(message, {
        ...context,
        clients,
        log: withCorrelation(logger, { correlationId: message.correlationId, messageId: message.messageId, attempt: message.attempt }),
        // A claim lives as long as the attempt may: past the deadline the handler is aborted,
        // so a retry (after a crash or a failed attempt) may take the key over within seconds.
        once: (effectKey, effect) => once(effectKey, new Date(context.deadline.getTime() + CLAIM_GRACE_MS), effect),
        emit: (service, body, emitOptions) => context.call('sqs', (signal) => emitter.send(service, body, message.correlationId, signal, emitOptions)),
      }),
  });
  const sweeping = new AbortController();
  const sweeper = sweepDeadLetterQueue({ sqs: clients.sqs, store, service: entry.name, deadLetterQueueUrl, sourceQueueName, signal: sweeping.signal }).catch((error: unknown) =>
    logger.error({ event: 'dlq-sweeper-failed', error: String(error) }),
  );
  const metricsServer = await serveMetrics({
    registry: metrics,
    port: Number(env.NDF_METRICS_PORT ?? 0),
    service: entry.name,
    health: () => ({ ok: breakers.openDependencies().length === 0, detail: { openBreakers: breakers.openDependencies(), inFlight: consumer.inFlight } }),
  });
  const stopHeartbeat = startHeartbeat(metrics);
  const stopEmf = env.NDF_EMF === 'true' ? emitEmf(metrics, { service: entry.name }) : () => undefined;
  consumer.start();
  logger.info({ event: 'started', queue: sourceQueueName, metrics: metricsServer.url, concurrency: entry.limits.concurrency });

  const stopped = new Promise<void>((resolve) => {
    const stop = async () => {
      logger.info({ event: 'stopping' });
      await consumer.stop(options.drainMs ?? 10_000);
      sweeping.abort();
      await sweeper;
      stopHeartbeat();
      stopEmf();
      breakers.shutdown();
      await metricsServer.stop();
      logger.info({ event: 'stopped' });
      logger.flush();
      resolve();
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
  });
  return { metricsUrl: metricsServer.url, metrics, breakers, stopped };
}

/** A service's entry point: runs until SIGTERM, drains, and exits 0. */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const running = await startService(definition);
  await running.stopped;
  process.exit(0);
}
