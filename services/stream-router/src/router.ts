import type { StreamSubscription } from '@ndf/catalog';
import type { StreamChange } from './change.js';
import { messagesByService, type OutgoingMessage } from './outgoing.js';

export type SendToService = (service: string, messages: readonly OutgoingMessage[]) => Promise<void>;

export interface RouteOptions {
  readonly table: string;
  readonly subscriptions: readonly StreamSubscription[];
  readonly send: SendToService;
}

/**
 * Routes one batch of a shard: every change to each subscribed service's queue. Throws if a
 * queue could not take its messages, so the batch is retried (and bisected) whole: what was
 * sent already is sent again, and receivers are idempotent.
 */
export async function routeBatch(records: readonly StreamChange[], options: RouteOptions): Promise<number> {
  const byService = messagesByService(records, options.table, options.subscriptions);
  await Promise.all([...byService].map(([service, messages]) => options.send(service, messages)));
  return [...byService.values()].reduce((sum, messages) => sum + messages.length, 0);
}

export { toChangeMessage, type StreamChange } from './change.js';
export { targetsOf } from './routing.js';
export { QueueSender } from './queue-sender.js';
export type { OutgoingMessage } from './outgoing.js';
