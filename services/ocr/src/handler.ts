import { refusalMessage } from '@ndf/contracts';
import {
  derivedKey,
  parseJob,
  readReceiptFile,
  refuseReceipt,
  stepIsDue,
  takeStepAndHandOn,
  writeDerived,
  type ReceiptJob,
  type ReceiptServiceDependencies,
  type ReceiptText,
} from '@ndf/receipt-pipeline';
import { TransientError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import type { OcrEngine } from './engine.js';
import type { OcrPage } from './ocr-page.js';
import { PageResults } from './page-results.js';

export interface OcrDependencies extends ReceiptServiceDependencies {
  readonly engine: OcrEngine;
  /** One page's time: past it the page is tried once more, then the receipt is refused. */
  readonly pageBudgetMs: number;
  /** Kept at the end of an attempt for writing the text and handing it on: no page starts within it. */
  readonly reserveMs: number;
}

type Context = Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'emit' | 'log' | 'metrics' | 'signal' | 'deadline'>;

/**
 * Reads the text of a receipt's page images (from the normaliser or the PDF inspector), stores
 * it with its words' confidences beside the receipt, and hands it to the parser. Each page has
 * its own time; pages read are kept, so an attempt that runs out of time goes on from there.
 */
export async function handle(message: InboundMessage, context: Context, dependencies: OcrDependencies): Promise<void> {
  const job = parseJob(message.body, 'ocr');
  const { receipt } = job;
  const { s3, receiptsBucket: bucket, engine, pageBudgetMs, reserveMs } = dependencies;
  if (!(await stepIsDue(context, dependencies, receipt, 'read'))) return;
  const results = new PageResults(context, dependencies, receipt);
  const pages: OcrPage[] = [];
  for (const [index, key] of job.pageKeys.entries()) {
    const kept = await results.read(index);
    if (kept) {
      pages.push(kept);
      continue;
    }
    if (context.deadline.getTime() - Date.now() < pageBudgetMs + reserveMs)
      throw new TransientError(`${index} of ${job.pageKeys.length} pages read: the next attempt goes on from page ${index + 1}`);
    const image = await readReceiptFile(context, dependencies, key);
    const pageTime = AbortSignal.timeout(pageBudgetMs);
    try {
      // The engine's own pool bounds the work: either signal frees a worker at once.
      pages.push(await engine.recognize(Buffer.from(image), { signal: AbortSignal.any([context.signal, pageTime]) }));
    } catch (error) {
      if (context.signal.aborted || !pageTime.aborted) throw error;
      const detail = `page ${index + 1} took more than ${pageBudgetMs} ms to read`;
      if (!(await results.wasSlow(index))) {
        await results.markSlow(index, detail);
        throw new TransientError(`${detail}; trying it once more`);
      }
      await refuseReceipt(context, dependencies, receipt, {
        code: 'processing-timeout',
        message: refusalMessage('processing-timeout'),
        detail,
      });
      return;
    }
    await results.save(index, pages[index]!);
  }
  const textKey = derivedKey(receipt, 'ocr.json');
  const text: ReceiptText = { source: 'ocr', pages };
  await context.call('s3', (signal) => writeDerived(s3, bucket, textKey, Buffer.from(JSON.stringify(text)), 'application/json', signal));
  const confidence = pages.length === 0 ? 0 : Math.round(pages.reduce((sum, page) => sum + page.confidence, 0) / pages.length);
  const next: ReceiptJob = { kind: 'parse', receipt, textKey, source: 'ocr' };
  await takeStepAndHandOn(
    context,
    dependencies,
    receipt,
    'read',
    { status: 'succeeded', outcome: { pages: pages.length, confidence, words: pages.reduce((sum, page) => sum + page.words.length, 0) } },
    {},
    next,
  );
}
