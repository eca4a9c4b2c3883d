import {
  readChange,
  receiptOfChange,
  refuseReceipt,
  takeStepAndHandOn,
  type ReceiptJob,
  type ReceiptServiceDependencies,
} from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import { s3ObjectSource } from './s3-object-source.js';
import { sniffReceipt } from './sniff.js';

/**
 * For each uploaded receipt: its real format from its bytes (a few ranged reads), recorded on
 * the receipt; a refusal is a normal outcome the app shows; an accepted file goes on to the
 * image normaliser or the PDF inspector.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'emit' | 'log' | 'metrics'>,
  dependencies: ReceiptServiceDependencies,
): Promise<void> {
  const change = await readChange(message.body, dependencies.readItem, context.call);
  if (change === undefined) return;
  const receipt = receiptOfChange(change);
  const image = change.newImage ?? {};
  // The stream may bring a receipt again (a rewrite while uploaded, a redelivery): once is enough.
  if (receipt.status !== 'uploaded' || image.detectedType !== undefined) return;
  const declared = {
    ...(typeof image.fileName === 'string' ? { name: image.fileName } : {}),
    ...(typeof image.declaredContentType === 'string' ? { contentType: image.declaredContentType } : {}),
  };
  const result = await context.call('s3', async (signal) => {
    const source = await s3ObjectSource(
      dependencies.s3,
      {
        bucket: dependencies.receiptsBucket,
        key: receipt.objectKey,
        ...(receipt.objectVersionId ? { versionId: receipt.objectVersionId } : {}),
        ...(typeof image.size === 'number' ? { size: image.size } : {}),
      },
      signal,
    );
    return sniffReceipt(source, { declared, signal });
  });
  const ref = { tenant: receipt.tenant, receiptId: receipt.receiptId, ...(receipt.noteId ? { noteId: receipt.noteId } : {}) };

  if (result.outcome === 'refused') {
    await refuseReceipt(context, dependencies, ref, result);
    return;
  }

  const original = { objectKey: receipt.objectKey, ...(receipt.objectVersionId ? { objectVersionId: receipt.objectVersionId } : {}) };
  const job: ReceiptJob =
    result.format === 'pdf'
      ? { kind: 'inspect-pdf', receipt: ref, ...original }
      : { kind: 'normalize-image', receipt: ref, ...original, detectedType: result.mime };
  await takeStepAndHandOn(
    context,
    dependencies,
    ref,
    'startReading',
    {
      status: 'succeeded',
      outcome: { format: result.format, mime: result.mime, size: result.size, ...(result.mismatch ? { mismatch: result.mismatch } : {}) },
    },
    { detectedType: result.mime },
    job,
  );
}
