import type { StreamRouterEntry, StreamSubscription } from '@ndf/catalog';
import { defineStreamService, type StreamServiceDefinition } from '@ndf/runtime';
import { QueueSender } from './queue-sender.js';
import { routeBatch } from './router.js';

/** The router as a stream service: its catalog entry, and who gets which changes. */
export function routerService(entry: StreamRouterEntry, subscriptions: readonly StreamSubscription[]): StreamServiceDefinition {
  let sender: QueueSender | undefined;
  return defineStreamService({
    name: entry.name,
    table: entry.table,
    // While SQS is unreachable, shards wait rather than bisect good changes into quarantine.
    dependencies: ['sqs'],
    batchSize: entry.batchSize,
    maxRetries: entry.maxRetries,
    handlerTimeoutMs: entry.deadlineMs,
    handleBatch: async (records, context) => {
      sender ??= new QueueSender(context.clients.sqs, context.prefix);
      const routed = await routeBatch(records, {
        table: entry.table,
        subscriptions,
        send: (service, messages) => context.call('sqs', (signal) => sender!.send(service, messages, signal)),
      });
      context.log.debug({ event: 'routed', records: records.length, messages: routed });
    },
  });
}
