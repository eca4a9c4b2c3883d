import { tableName } from '@ndf/catalog';
import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';

await runService(
  defineService({
    entry: config,
    dependencies: ['dynamodb'],
    handle: (message, context) =>
      handle(message, context, { dynamodb: context.clients.dynamodb, notesTable: tableName(context.prefix, 'notes') }),
  }),
);
