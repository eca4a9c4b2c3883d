// A generated service of the fleet benchmark: a catalog entry of its own (queue, DLQ, consumer,
// metrics endpoint, heartbeat) with what a new service from the template starts with, a handler
// on the runtime and nothing else. (The template itself names no catalog entry until
// `pnpm new:service` fills it in, so it cannot be imported as is.)
import type { ServiceEntry } from '@ndf/catalog';
import { PermanentError, defineService, type InboundMessage } from '@ndf/runtime';

async function handle(message: InboundMessage): Promise<void> {
  try {
    JSON.parse(message.body);
  } catch {
    throw new PermanentError('The message body is not JSON.');
  }
}

export function generatedService(entry: ServiceEntry) {
  return defineService({ entry, handle });
}

/** `count` entries named fleet-01, fleet-02…, each fed by changes of its own item type, so that no producer is needed. */
export function fleetEntries(count: number): ServiceEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `fleet-${String(index + 1).padStart(2, '0')}`;
    return {
      name,
      description: 'a generated service of the fleet benchmark',
      critical: false,
      consumes: { kind: 'stream', table: 'notes', itemTypes: [name.toUpperCase()], events: ['INSERT'] },
      emits: [],
      limits: { deadlineMs: 10_000, concurrency: 8, maxAttempts: 3 },
      alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    };
  });
}
