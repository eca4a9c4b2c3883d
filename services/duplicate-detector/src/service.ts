import { bucketName, serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('duplicate-detector'),
  dependencies: ({ clients, prefix }) => ({
    dynamodb: clients.dynamodb,
    s3: clients.s3,
    notesTable: tableName(prefix, 'notes'),
    receiptsBucket: bucketName(prefix, 'receipts'),
  }),
  handle,
});
