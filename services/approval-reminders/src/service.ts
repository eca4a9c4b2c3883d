import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { SettingsCache } from '@ndf/tenant-settings';
import { handle } from './handler.js';

/** Due rounds looked at per index shard and tick: a backlog is worked through over a few ticks. */
const PER_SHARD = 100;

/** approval-reminders: a tick from its schedule reminds and escalates the rounds of approval due (see handler.ts). */
export const service = defineService({
  entry: serviceEntry('approval-reminders'),
  dependencies: ({ clients, prefix }) => {
    const notesTable = tableName(prefix, 'notes');
    return {
      dynamodb: clients.dynamodb,
      notesTable,
      settings: new SettingsCache(clients.dynamodb, notesTable),
      now: () => new Date(),
      perShard: PER_SHARD,
    };
  },
  handle,
});
