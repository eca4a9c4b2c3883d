import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('merchant-normalizer'),
  dependencies: ({ clients, prefix }) => ({ dynamodb: clients.dynamodb, notesTable: tableName(prefix, 'notes') }),
  handle,
});
