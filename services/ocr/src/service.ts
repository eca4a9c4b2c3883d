import { serviceEntry } from '@ndf/catalog';
import { receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { createOcrEngine } from './engine.js';
import { handle, type OcrDependencies } from './handler.js';

const entry = serviceEntry('ocr');

/** Built on the first message: one tesseract worker per message the service may hold at once (the catalog sizes it to the cores). */
async function dependencies(context: DependencyContext): Promise<OcrDependencies> {
  const engine = await createOcrEngine({ workers: entry.limits.concurrency });
  context.onStop(() => engine.close());
  return { ...receiptServiceDependencies(context), engine };
}

export const service = defineService({ entry, dependencies, handle });
