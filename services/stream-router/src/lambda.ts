import { emfLine, platformQuarantine, serviceClients, wait } from '@ndf/runtime';
import { DEFAULT_PREFIX } from '@ndf/catalog';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { batchMetrics } from './batch-metrics.js';
import { handleInvocation } from './invocation.js';
import { entry, subscriptions } from './service.js';
import { QueueSender } from './queue-sender.js';
import { routeBatch } from './router.js';

/** How long an invocation that met an outage waits before handing the batch back, so that the mapping's retries do not spin. */
export const OUTAGE_PAUSE_MS = 2_000;

/** Kept free before Lambda's timeout: time to cut the calls off, write the metrics and answer. */
export const ANSWER_MARGIN_MS = 1_000;

/**
 * The router in the cloud: the event source mapping on the stream calls it with a batch. A
 * record that fails for its own sake is bisected out and quarantined here, as the local router
 * does; an outage reports the first record not done, so that the mapping (unbounded retries)
 * tries the batch again from there until the outage ends, and gives nothing up before the
 * records' maximum age.
 *
 * A handler builds its clients once, from `env`; Lambda's entry point builds one per container.
 */
export function routerHandler(env: NodeJS.ProcessEnv = process.env): RouterHandler {
  const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
  const clients = serviceClients(env);
  const sender = new QueueSender(clients.sqs, prefix);
  const quarantine = platformQuarantine(clients, prefix);
  return async (event, context) => {
    // Every call ends before Lambda's timeout would kill the invocation mid-write: the batch is handed back instead.
    const timeLeftMs = Math.max(0, context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS);
    const timeUp = AbortSignal.timeout(timeLeftMs);
    const signal = AbortSignal.any([AbortSignal.timeout(entry.deadlineMs), timeUp]);
    const outcome = await handleInvocation(event.Records, {
      service: entry.name,
      table: entry.table,
      maxRetries: entry.maxRetries,
      signal,
      quarantine,
      route: async (records) => {
        await routeBatch(records, {
          table: entry.table,
          subscriptions,
          send: (service, messages) => sender.send(service, messages, signal),
        });
      },
    });
    const failed = outcome.retryFrom !== undefined;
    if (failed) {
      console.error(
        JSON.stringify({
          event: 'route-failed',
          records: event.Records.length,
          retryFrom: outcome.retryFrom,
          error: outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error),
        }),
      );
      await wait(OUTAGE_PAUSE_MS, timeUp).catch(() => undefined);
    }
    // Raw on stdout, as EMF wants it; the 10-second alarms on the router read these.
    const now = Date.now();
    process.stdout.write(`${emfLine(entry.name, batchMetrics(event.Records, failed, now), now)}\n`);
    return { batchItemFailures: failed ? [{ itemIdentifier: outcome.retryFrom! }] : [] };
  };
}

export type RouterHandler = (
  event: DynamoDBStreamEvent,
  context: Pick<Context, 'getRemainingTimeInMillis'>,
) => Promise<DynamoDBBatchResponse>;

let containerHandler: RouterHandler | undefined;

/** Lambda's entry point: the handler of this container, built on its first invocation. */
export const handler: RouterHandler = (event, context) => (containerHandler ??= routerHandler())(event, context);
