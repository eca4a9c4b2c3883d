import { serviceEntry } from '@ndf/catalog';
import { markReceiptsFailed, receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { createNamedOcrEngine, ocrEngineFromEnvironment } from './engine-choice.js';
import { handle, type OcrDependencies } from './handler.js';

type OcrEntry = ReturnType<typeof serviceEntry<'ocr'>>;

/**
 * The OCR service for an entry: its per-page time is a third of the message's deadline (a page
 * takes 2 to 5 s; a 60 s deadline gives 20 s), and a sixth is kept for writing the text, so a
 * slow page is refused and a long PDF goes on at its next attempt, never cut off by the deadline.
 */
export function ocrService(entry: OcrEntry) {
  /** Built on the first message: the engine gets a core per message the service may hold at once (the catalog sizes it to the cores). */
  async function dependencies(context: DependencyContext): Promise<OcrDependencies> {
    const engine = await createNamedOcrEngine(ocrEngineFromEnvironment(context.env), { cores: entry.limits.concurrency });
    context.onStop(() => engine.close());
    const { deadlineMs } = entry.limits;
    return { ...receiptServiceDependencies(context), engine, pageBudgetMs: deadlineMs / 3, reserveMs: deadlineMs / 6 };
  }
  return defineService({ entry, dependencies, handle, onQuarantine: markReceiptsFailed() });
}

export const service = ocrService(serviceEntry('ocr'));
