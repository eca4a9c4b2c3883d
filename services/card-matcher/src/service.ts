import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { SettingsCache } from '@ndf/tenant-settings';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('card-matcher'),
  dependencies: ({ clients, prefix }) => {
    const notesTable = tableName(prefix, 'notes');
    return { dynamodb: clients.dynamodb, notesTable, settings: new SettingsCache(clients.dynamodb, notesTable), clock: () => new Date() };
  },
  handle,
});
