import { serviceEntry } from '@ndf/catalog';
import { markReceiptsFailed, receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { handle, type ParserDependencies } from './handler.js';
import { ReceiptParser } from './receipt-parser.js';

/** Built on the first message: the parser's worker thread. */
function dependencies(context: DependencyContext): ParserDependencies {
  const parser = new ReceiptParser();
  context.onStop(() => parser.close());
  return { ...receiptServiceDependencies(context), parser };
}

export const service = defineService({
  entry: serviceEntry('receipt-parser'),
  dependencies,
  handle,
  onQuarantine: markReceiptsFailed(),
});
