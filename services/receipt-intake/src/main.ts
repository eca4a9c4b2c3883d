import { tableName } from '@ndf/catalog';
import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';

await runService(
  defineService({
    entry: config,
    dependencies: ['s3', 'dynamodb'],
    handle: (message, context) =>
      handle(message, context, {
        s3: context.clients.s3,
        dynamodb: context.clients.dynamodb,
        notesTable: tableName(context.prefix, 'notes'),
      }),
  }),
);
