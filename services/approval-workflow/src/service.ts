import { catalog, serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { SettingsCache } from '@ndf/tenant-settings';
import { handle } from './handler.js';

/** The approval workflow: routes submitted notes and keeps the approvers' queues in step with each decision (see handler.ts). */
export const service = defineService({
  entry: serviceEntry('approval-workflow'),
  dependencies: ({ clients, prefix }) => {
    const notesTable = tableName(prefix, 'notes');
    return {
      dynamodb: clients.dynamodb,
      notesTable,
      settings: new SettingsCache(clients.dynamodb, notesTable),
      deployed: new Set<string>(catalog.services.map((entry) => entry.name)),
      now: () => new Date(),
    };
  },
  handle,
});
