import {
  derivedKey,
  parseJob,
  readOriginalIfDue,
  refuseReceipt,
  retryFirstTimeout,
  takeStepAndHandOn,
  writeDerived,
  type ReceiptJob,
  type ReceiptServiceDependencies,
} from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import { normaliseImage } from './normalise.js';

/**
 * Turns a receipt image into upright, metadata-free copies beside the original (display and
 * OCR, thumbnails), records them on the receipt, and hands the pages to OCR. A decompression
 * bomb or an image too small to read is refused with its reason.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'emit' | 'log' | 'metrics' | 'signal'>,
  dependencies: ReceiptServiceDependencies,
): Promise<void> {
  const job = parseJob(message.body, 'normalize-image');
  const { receipt } = job;
  const { s3, receiptsBucket: bucket } = dependencies;
  const bytes = await readOriginalIfDue(context, dependencies, job);
  if (bytes === undefined) return;
  const result = await normaliseImage(bytes, { signal: context.signal });

  if (result.outcome === 'refused') {
    if (result.code === 'processing-timeout') retryFirstTimeout(message.attempt, result.detail);
    await refuseReceipt(context, dependencies, receipt, result);
    return;
  }

  const pageKeys = result.pages.map((page) =>
    derivedKey(receipt, `page-${page.page + 1}.${page.display.format === 'jpeg' ? 'jpg' : 'png'}`),
  );
  const thumbnails = result.thumbnails.map((thumbnail) => ({
    width: thumbnail.side,
    key: derivedKey(receipt, `thumb-${thumbnail.side}.${thumbnail.image.format === 'jpeg' ? 'jpg' : 'png'}`),
    image: thumbnail.image,
  }));
  await context.call('s3', (signal) =>
    Promise.all([
      ...result.pages.map((page, index) => writeDerived(s3, bucket, pageKeys[index]!, page.display.bytes, page.display.mime, signal)),
      ...thumbnails.map((thumbnail) => writeDerived(s3, bucket, thumbnail.key, thumbnail.image.bytes, thumbnail.image.mime, signal)),
    ]),
  );
  const next: ReceiptJob = { kind: 'ocr', receipt, pageKeys };
  await takeStepAndHandOn(
    context,
    dependencies,
    receipt,
    'read',
    { status: 'succeeded', outcome: { source: result.source, pages: result.pages.length, skippedPages: result.skippedPages } },
    { thumbnails: thumbnails.map(({ width, key }) => ({ width, key })), pageKeys },
    next,
  );
}
