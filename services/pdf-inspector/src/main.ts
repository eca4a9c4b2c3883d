import { bucketName, tableName } from '@ndf/catalog';
import { ReceiptState } from '@ndf/receipt-pipeline';
import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';
import { PdfInspector } from './pdf-inspector.js';

// Workers load pdf.js once: warm them before the first receipt arrives.
const inspector = new PdfInspector({ workers: config.limits.concurrency });
void inspector.warmUp();
let state: ReceiptState | undefined;

await runService(
  defineService({
    entry: config,
    dependencies: ['s3', 'dynamodb', 'sqs'],
    handle: (message, context) =>
      handle(message, context, {
        s3: context.clients.s3,
        receiptsBucket: bucketName(context.prefix, 'receipts'),
        state: (state ??= new ReceiptState(context.clients.dynamodb, tableName(context.prefix, 'notes'), config.name)),
        inspector,
      }),
  }),
);
