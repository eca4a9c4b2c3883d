import type { StreamRouterEntry } from './types.js';

// What reads each table's stream and fans its changes out to the subscribed services' queues.
export const routers: readonly StreamRouterEntry[] = [
  {
    name: 'stream-router',
    description: 'Sends each change of the notes table to the queues of the services subscribed to it',
    table: 'notes',
    batchSize: 100,
    maxRetries: 3,
    deadlineMs: 10_000,
    alarms: { maxMessageAgeSeconds: 30, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
  },
];
