import { receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { createOcrEngine } from './engine.js';
import { handle } from './handler.js';

const dependencies = receiptServiceDependencies(config.name);
// One tesseract worker per message the service may hold at once (the catalog sizes it to the cores).
const engine = await createOcrEngine({ workers: config.limits.concurrency });

await runService(
  defineService({
    entry: config,
    dependencies: ['s3', 'dynamodb', 'sqs'],
    handle: (message, context) => handle(message, context, { ...dependencies(context), engine }),
  }),
);
