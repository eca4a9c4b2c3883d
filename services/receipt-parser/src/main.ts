import { receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';

const dependencies = receiptServiceDependencies(config.name);

await runService(
  defineService({
    entry: config,
    dependencies: ['s3', 'dynamodb'],
    handle: (message, context) => handle(message, context, dependencies(context)),
  }),
);
