import { serviceEntry } from '@ndf/catalog';
import { markReceiptsFailed } from '@ndf/receipt-pipeline';
import { defineService } from '@ndf/runtime';
import { intakeDependencies } from './dependencies.js';
import { handle } from './handler.js';
import { receiptsOfNotification } from './s3-event.js';

export const service = defineService({
  entry: serviceEntry('receipt-intake'),
  dependencies: intakeDependencies,
  handle,
  onQuarantine: markReceiptsFailed(receiptsOfNotification),
});
