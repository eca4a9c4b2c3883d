import { bucketName, serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({
  entry: serviceEntry('audit-trail'),
  dependencies: ({ clients, prefix }) => ({
    dynamodb: clients.dynamodb,
    s3: clients.s3,
    notesTable: tableName(prefix, 'notes'),
    auditBucket: bucketName(prefix, 'audit'),
  }),
  handle,
});
