import { serviceEntry } from '@ndf/catalog';
import { receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { handle, type InspectorDependencies } from './handler.js';
import { PdfInspector } from './pdf-inspector.js';

const entry = serviceEntry('pdf-inspector');

/** Built on the first message: the worker pool loads pdf.js, warmed at once for the next receipts. */
function dependencies(context: DependencyContext): InspectorDependencies {
  const inspector = new PdfInspector({ workers: entry.limits.concurrency });
  void inspector.warmUp();
  context.onStop(() => inspector.close());
  return { ...receiptServiceDependencies(context), inspector };
}

export const service = defineService({ entry, dependencies, handle });
