import { serviceEntry } from '@ndf/catalog';
import { markReceiptsFailed, receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';
import { receiptsOfNotification } from './s3-event.js';

export const service = defineService({
  entry: serviceEntry('receipt-intake'),
  dependencies: receiptServiceDependencies,
  handle,
  onQuarantine: markReceiptsFailed(receiptsOfNotification),
});
