import { serviceEntry } from '@ndf/catalog';
import { markReceiptsFailed, receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { handle, type InspectorDependencies } from './handler.js';
import { PdfInspector } from './pdf-inspector.js';

const entry = serviceEntry('pdf-inspector');
/** Half the message's deadline: reading the PDF and writing its pages fit in the other half, so a slow file is refused, not cut off. */
export const INSPECT_TIMEOUT_MS = entry.limits.deadlineMs / 2;

/** Built on the first message: the worker pool loads pdf.js, warmed at once for the next receipts. */
function dependencies(context: DependencyContext): InspectorDependencies {
  const inspector = new PdfInspector({ workers: entry.limits.concurrency, limits: { timeoutMs: INSPECT_TIMEOUT_MS } });
  void inspector.warmUp();
  context.onStop(() => inspector.close());
  return { ...receiptServiceDependencies(context), inspector };
}

export const service = defineService({ entry, dependencies, handle, onQuarantine: markReceiptsFailed() });
