// A generated service of the fleet benchmark: a catalog entry of its own (queue, DLQ, consumer,
// metrics endpoint, heartbeat) running the code `pnpm new:service` gives a new service.
import type { ServiceEntry } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from '../../../templates/service/src/handler.js';

export function templateService(entry: ServiceEntry) {
  return defineService({ entry, handle });
}

/** `count` entries named fleet-01, fleet-02…, each fed by changes of its own item type, so that no producer is needed. */
export function fleetEntries(count: number): ServiceEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `fleet-${String(index + 1).padStart(2, '0')}`;
    return {
      name,
      description: 'a generated service of the fleet benchmark, running the service template',
      critical: false,
      consumes: { kind: 'stream', table: 'notes', itemTypes: [name.toUpperCase()], events: ['INSERT'] },
      emits: [],
      limits: { deadlineMs: 10_000, concurrency: 8, maxAttempts: 3 },
      alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 60 },
    };
  });
}
