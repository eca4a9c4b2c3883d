import {
  derivedKey,
  handOn,
  parseJob,
  readReceiptFile,
  stepIsDue,
  writeDerived,
  type ReceiptJob,
  type ReceiptServiceDependencies,
  type ReceiptText,
} from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import type { OcrEngine } from './engine.js';
import type { OcrPage } from './ocr-page.js';

export interface OcrDependencies extends ReceiptServiceDependencies {
  readonly engine: OcrEngine;
}

/**
 * Reads the text of a receipt's page images (from the normaliser or the PDF inspector), stores
 * it with its words' confidences beside the receipt, and hands it to the parser.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'emit' | 'log' | 'signal'>,
  dependencies: OcrDependencies,
): Promise<void> {
  const job = parseJob(message.body, 'ocr');
  const { receipt } = job;
  const { s3, receiptsBucket: bucket, state, engine } = dependencies;
  if (!(await stepIsDue(context, dependencies, receipt, 'read'))) return;
  const pages: OcrPage[] = [];
  for (const key of job.pageKeys) {
    const image = await readReceiptFile(context, dependencies, key);
    // The engine's own pool bounds the work: the deadline's signal frees a worker at once.
    pages.push(await engine.recognize(Buffer.from(image), { signal: context.signal }));
  }
  const textKey = derivedKey(receipt, 'ocr.json');
  const text: ReceiptText = { source: 'ocr', pages };
  await context.call('s3', (signal) => writeDerived(s3, bucket, textKey, Buffer.from(JSON.stringify(text)), 'application/json', signal));
  const confidence = pages.length === 0 ? 0 : Math.round(pages.reduce((sum, page) => sum + page.confidence, 0) / pages.length);
  await context.call('dynamodb', (signal) =>
    state.step(
      receipt,
      'read',
      { status: 'succeeded', outcome: { pages: pages.length, confidence, words: pages.reduce((sum, page) => sum + page.words.length, 0) } },
      {},
      signal,
    ),
  );
  const next: ReceiptJob = { kind: 'parse', receipt, textKey, source: 'ocr' };
  await handOn(context, next);
}
