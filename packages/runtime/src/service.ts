import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterQueueName, queueName, queueSettings, type ServiceEntry } from '@ndf/catalog';
import type { Logger } from 'pino';
import type { ServiceClients } from './aws/clients.js';
import { createOnce } from './effects/index.js';
import { withCorrelation } from './observability/index.js';
import { sweepDeadLetterQueue } from './quarantine/index.js';
import { retryTransient } from './resilience/index.js';
import { runUntilStopped, startShell, type RunOptions, type RunningService } from './shell.js';
import { AttemptLog } from './sqs/attempt-log.js';
import { Emitter, type Emit } from './sqs/emitter.js';
import { SqsConsumer, type HandlerContext, type InboundMessage } from './sqs/sqs-consumer.js';

export interface ServiceContext extends HandlerContext {
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

const CLAIM_GRACE_MS = 1_000;

async function resolveQueueUrl(sqs: SQSClient, name: string, signal: AbortSignal): Promise<string> {
  const { QueueUrl } = await retryTransient(() => sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: signal }), {
    signal,
    attempts: 5,
  });
  if (!QueueUrl) throw new Error(`Queue ${name} has no URL.`);
  return QueueUrl;
}

/** Runs a service until it is asked to stop: its queue's consumer and DLQ sweeper, in the shell every process has. */
export function startService(definition: ServiceDefinition, options: RunOptions = {}): Promise<RunningService> {
  const { entry } = definition;
  return startShell(
    entry.name,
    options,
    async ({ signal, prefix, drainMs, logger, clients, metrics, breakers, quarantine, runtimeTable }) => {
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
            prefix,
            log: withCorrelation(logger, { correlationId: message.correlationId, messageId: message.messageId, attempt: message.attempt }),
            // A claim lives as long as the attempt may: past the deadline the handler is aborted,
            // so a retry (after a crash or a failed attempt) may take the key over within seconds.
            once: (effectKey, effect) => once(effectKey, new Date(context.deadline.getTime() + CLAIM_GRACE_MS), effect),
            emit: (service, body, emitOptions) =>
              context.call('sqs', (signal) => emitter.send(service, body, message.correlationId, signal, emitOptions)),
          }),
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
        startedDetail: { queue: sourceQueueName, concurrency: entry.limits.concurrency },
        health: () => ({
          ok: breakers.openDependencies().length === 0,
          detail: { openBreakers: breakers.openDependencies(), inFlight: consumer.inFlight },
        }),
        stop: async () => {
          await consumer.stop(drainMs);
          sweeping.abort();
          await sweeper;
        },
      };
    },
  );
}

/** A service's entry point: runs until SIGTERM, drains, and exits 0. */
export function runService(definition: ServiceDefinition): Promise<void> {
  return runUntilStopped(startService(definition));
}
