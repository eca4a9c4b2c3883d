import { receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';
import { PdfInspector } from './pdf-inspector.js';

const dependencies = receiptServiceDependencies(config.name);
// Workers load pdf.js once: warm them before the first receipt arrives.
const inspector = new PdfInspector({ workers: config.limits.concurrency });
void inspector.warmUp();

await runService(
  defineService({
    entry: config,
    dependencies: ['s3', 'dynamodb', 'sqs'],
    handle: (message, context) => handle(message, context, { ...dependencies(context), inspector }),
  }),
);
