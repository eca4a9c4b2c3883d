import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { SettingsCache } from '@ndf/tenant-settings';
import { handle } from './handler.js';

/** The card reminder: a tick from its schedule reminds the holders of payments overdue their note (see handler.ts). */
export const service = defineService({
  entry: serviceEntry('card-reminder'),
  dependencies: ({ clients, prefix }) => {
    const notesTable = tableName(prefix, 'notes');
    return { dynamodb: clients.dynamodb, notesTable, settings: new SettingsCache(clients.dynamodb, notesTable), now: () => new Date() };
  },
  handle,
});
