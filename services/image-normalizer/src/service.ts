import { serviceEntry } from '@ndf/catalog';
import { markReceiptsFailed, receiptServiceDependencies, type ReceiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { handle } from './handler.js';
import { closeHevcDecoder } from './normalise.js';

/** Built on the first message; the HEVC decoding thread, started by the first iPhone photo, stops with the service. */
function dependencies(context: DependencyContext): ReceiptServiceDependencies {
  context.onStop(closeHevcDecoder);
  return receiptServiceDependencies(context);
}

export const service = defineService({
  entry: serviceEntry('image-normalizer'),
  dependencies,
  handle,
  onQuarantine: markReceiptsFailed(),
});
