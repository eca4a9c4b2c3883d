import {
  derivedKey,
  parseJob,
  readOriginalIfDue,
  refuseReceipt,
  retryFirstTimeout,
  takeStepAndHandOn,
  writeDerived,
  type ReceiptJob,
  type ReceiptRef,
  type ReceiptServiceDependencies,
} from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import type { PdfInspected } from './inspect-result.js';
import type { PdfInspector } from './pdf-inspector.js';

export interface InspectorDependencies extends ReceiptServiceDependencies {
  readonly inspector: PdfInspector;
}

/**
 * Reads a receipt PDF: a digital one's text goes to the parser; a scanned one's pages, as
 * images beside the original, go to OCR. Encrypted, empty, oversized or hostile PDFs are refused
 * with their reason.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'emit' | 'log' | 'metrics' | 'signal'>,
  dependencies: InspectorDependencies,
): Promise<void> {
  const job = parseJob(message.body, 'inspect-pdf');
  const { receipt } = job;
  const bytes = await readOriginalIfDue(context, dependencies, job);
  if (bytes === undefined) return;
  const result = await dependencies.inspector.inspect(bytes, { signal: context.signal });

  if (result.outcome === 'refused') {
    if (result.code === 'processing-timeout') retryFirstTimeout(message.attempt, result.detail);
    await refuseReceipt(context, dependencies, receipt, result);
    return;
  }

  const outcome = {
    pageCount: result.pageCount,
    kind: result.kind,
    structureFrom: result.structureFrom,
    hasJavaScript: result.hasJavaScript,
    attachments: result.attachments,
    ...(result.producer ? { producer: result.producer } : {}),
  };
  const next =
    result.kind === 'digital'
      ? await handOnText(result, receipt, dependencies, context)
      : await handOnPages(result, receipt, dependencies, context);
  await takeStepAndHandOn(
    context,
    dependencies,
    receipt,
    'read',
    { status: 'succeeded', outcome: { ...outcome, next: next.kind } },
    next.kind === 'ocr' ? { pageKeys: next.pageKeys } : {},
    next,
  );
}

/** A digital PDF's text, written beside it for the parser. */
async function handOnText(
  result: PdfInspected,
  receipt: ReceiptRef,
  { s3, receiptsBucket }: InspectorDependencies,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call'>,
): Promise<ReceiptJob> {
  const textKey = derivedKey(receipt, 'text.json');
  const body = JSON.stringify({ source: 'pdf-text', text: result.text, pages: result.pages });
  await context.call('s3', (signal) => writeDerived(s3, receiptsBucket, textKey, Buffer.from(body), 'application/json', signal));
  return { kind: 'parse', receipt, textKey, source: 'pdf-text' };
}

/** A scanned (or partly scanned) PDF's page images, written beside it for OCR. */
async function handOnPages(
  result: PdfInspected,
  receipt: ReceiptRef,
  { s3, receiptsBucket }: InspectorDependencies,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call'>,
): Promise<ReceiptJob> {
  const pageKeys = result.rasters.map((raster) => derivedKey(receipt, `page-${raster.page}.${raster.format === 'jpeg' ? 'jpg' : 'png'}`));
  await context.call('s3', (signal) =>
    Promise.all(
      result.rasters.map((raster, index) =>
        writeDerived(s3, receiptsBucket, pageKeys[index]!, raster.bytes, `image/${raster.format}`, signal),
      ),
    ),
  );
  return { kind: 'ocr', receipt, pageKeys };
}
