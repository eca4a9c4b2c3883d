import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseReceiptObjectKey, tenantScope } from '@ndf/contracts';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import type { Readable } from 'node:stream';
import { digest } from './digest.js';
import { recordUpload, SERVICE } from './record-upload.js';
import { createdObjects } from './s3-event.js';

export interface IntakeDependencies {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
}

/**
 * Records each uploaded original: reads its bytes once for the SHA-256 (the legal copy is
 * never written), then marks its receipt uploaded, which the stream passes to the sniffer.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'log'>,
  dependencies: IntakeDependencies,
): Promise<void> {
  for (const object of createdObjects(message.body)) {
    const parts = parseReceiptObjectKey(object.key);
    if (parts === undefined) throw new PermanentError(`The object ${object.key} is not under a key the ingest API hands out.`);
    const scope = tenantScope({ tenant: parts.tenant, user: SERVICE, roles: [] });
    const { sha256, size } = await context.call('s3', async (signal) => {
      const { Body } = await dependencies.s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }), {
        abortSignal: signal,
      });
      if (Body === undefined) throw new Error(`S3 returned no body for ${object.key}.`);
      return digest(Body as Readable);
    });
    const outcome = await context.call('dynamodb', (signal) =>
      recordUpload(
        dependencies.dynamodb,
        dependencies.notesTable,
        scope,
        { receiptId: parts.receiptId, noteId: parts.noteId, sha256, size, uploadedAt: object.eventTime },
        signal,
      ),
    );
    context.log.info({ event: 'receipt-recorded', tenant: parts.tenant, receiptId: parts.receiptId, sha256, size, outcome });
  }
}
