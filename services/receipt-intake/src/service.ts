import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('receipt-intake'),
  dependencies: ({ clients, prefix }) => ({ s3: clients.s3, dynamodb: clients.dynamodb, notesTable: tableName(prefix, 'notes') }),
  handle,
});
