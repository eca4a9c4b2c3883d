import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';
import { scaleBookFrom } from './scales.js';

export const service = defineService({
  entry: serviceEntry('mileage-calculator'),
  dependencies: ({ clients, prefix, env }) => ({
    dynamodb: clients.dynamodb,
    notesTable: tableName(prefix, 'notes'),
    scales: scaleBookFrom(env),
  }),
  handle,
});
