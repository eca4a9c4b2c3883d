import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('currency-converter'),
  dependencies: ({ clients, prefix }) => ({
    dynamodb: clients.dynamodb,
    notesTable: tableName(prefix, 'notes'),
    referenceTable: tableName(prefix, 'reference'),
  }),
  handle,
});
