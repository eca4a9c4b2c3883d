import { catalog, findRouter, streamSubscriptions, type StreamRouterEntry, type StreamSubscription } from '@ndf/catalog';
import { defineStreamService, type StreamServiceDefinition } from '@ndf/runtime';
import { QueueSender } from './queue-sender.js';
import { routeBatch } from './router.js';

/** This router's table, batch size, retries and deadline: its entry in the catalog. */
export const entry = findRouter(catalog, 'stream-router');

/** Who gets which changes of that table. */
export const subscriptions = streamSubscriptions(catalog, entry.table);

/** A router as a stream service: its catalog entry, and who gets which changes. */
export function routerService(
  router: StreamRouterEntry,
  subscribed: readonly StreamSubscription[],
): StreamServiceDefinition<{ sender: QueueSender }> {
  return defineStreamService({
    entry: router,
    dependencies: ({ clients, prefix }) => ({ sender: new QueueSender(clients.sqs, prefix) }),
    handleBatch: async (records, context, { sender }) => {
      const routed = await routeBatch(records, {
        table: router.table,
        subscriptions: subscribed,
        send: (service, messages) => context.call('sqs', (signal) => sender.send(service, messages, signal)),
      });
      context.log.debug({ event: 'routed', records: records.length, messages: routed });
    },
  });
}

export const service = routerService(entry, subscriptions);
