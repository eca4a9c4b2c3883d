import { GetObjectCommand } from '@aws-sdk/client-s3';
import { parseReceiptObjectKey } from '@ndf/contracts';
import type { ReceiptServiceDependencies } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import type { Readable } from 'node:stream';
import { digest } from './digest.js';
import { recordUpload } from './record-upload.js';
import { createdObjects } from './s3-event.js';

/**
 * Records each uploaded original: reads its bytes once for the SHA-256 (the legal copy is
 * never written), then marks its receipt uploaded, which the stream passes to the sniffer.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'log'>,
  dependencies: ReceiptServiceDependencies,
): Promise<void> {
  for (const object of createdObjects(message.body)) {
    const parts = parseReceiptObjectKey(object.key);
    if (parts === undefined) throw new PermanentError(`The object ${object.key} is not under a key the ingest API hands out.`);
    const { sha256, size } = await context.call('s3', async (signal) => {
      const { Body } = await dependencies.s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }), {
        abortSignal: signal,
      });
      if (Body === undefined) throw new Error(`S3 returned no body for ${object.key}.`);
      return digest(Body as Readable);
    });
    const receipt = { tenant: parts.tenant, receiptId: parts.receiptId, ...(parts.noteId ? { noteId: parts.noteId } : {}) };
    const outcome = await context.call('dynamodb', (signal) =>
      recordUpload(dependencies.state, receipt, { sha256, size, uploadedAt: object.eventTime }, signal),
    );
    context.log.info({ event: 'receipt-recorded', tenant: parts.tenant, receiptId: parts.receiptId, sha256, size, outcome });
  }
}
