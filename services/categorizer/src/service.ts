import { bucketName, serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { CATEGORY_NAMES } from '@ndf/vat-rules';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('categorizer'),
  dependencies: ({ clients, prefix }) => ({
    dynamodb: clients.dynamodb,
    notesTable: tableName(prefix, 'notes'),
    s3: clients.s3,
    receiptsBucket: bucketName(prefix, 'receipts'),
    // The platform's default list, until a tenant's own settings give another.
    categories: CATEGORY_NAMES,
  }),
  handle,
});
