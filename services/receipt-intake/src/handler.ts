import { GetObjectCommand } from '@aws-sdk/client-s3';
import { parseReceiptObjectKey } from '@ndf/contracts';
import type { ReceiptRef } from '@ndf/receipt-pipeline';
import { indexOriginal } from '@ndf/retention';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import type { Readable } from 'node:stream';
import type { IntakeDependencies } from './dependencies.js';
import { claimDigest } from './digest-claim.js';
import { digest } from './digest.js';
import { recordUpload } from './record-upload.js';
import { recordedUpload, recordIgnoredUpload } from './recorded-upload.js';
import { createdObjects, type CreatedObject } from './s3-event.js';

type IntakeContext = Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'log' | 'metrics'>;

/**
 * Records each uploaded original: reads the bytes of the version the event names once for the
 * SHA-256 (the legal copy is never written), flags a file the tenant already sent on another
 * receipt, then marks its receipt uploaded with that version, which every later step reads.
 *
 * The first version recorded stays the receipt's: a later upload to the same key (the presigned
 * POST can be used again until it expires) is not processed, only noted on intake's stage and
 * logged. Making it a receipt of its own would need a receipt the user never asked for, bound
 * to no note; refusing the whole receipt would punish the honest retry of the same photo.
 */
export async function handle(message: InboundMessage, context: IntakeContext, dependencies: IntakeDependencies): Promise<void> {
  for (const object of createdObjects(message.body)) {
    const parts = parseReceiptObjectKey(object.key);
    if (parts === undefined) throw new PermanentError(`The object ${object.key} is not under a key the ingest API hands out.`);
    const receipt: ReceiptRef = { tenant: parts.tenant, receiptId: parts.receiptId, ...(parts.noteId ? { noteId: parts.noteId } : {}) };
    await intakeObject(object, receipt, context, dependencies);
  }
}

async function intakeObject(object: CreatedObject, receipt: ReceiptRef, context: IntakeContext, dependencies: IntakeDependencies) {
  const before = await context.call('dynamodb', (signal) => recordedUpload(dependencies, receipt, signal));
  if (before && before.versionId !== object.versionId) return ignoreUpload(object, receipt, before.versionId, context, dependencies);

  const { sha256, size } = await context.call('s3', async (signal) => {
    const { Body } = await dependencies.s3.send(
      new GetObjectCommand({ Bucket: object.bucket, Key: object.key, VersionId: object.versionId }),
      { abortSignal: signal },
    );
    if (Body === undefined) throw new Error(`S3 returned no body for ${object.key}.`);
    return digest(Body as Readable);
  });
  const duplicateOf = await context.call('dynamodb', (signal) => claimDigest(dependencies, receipt, sha256, object.eventTime, signal));
  const outcome = await context.call('dynamodb', (signal) =>
    recordUpload(
      dependencies.state,
      receipt,
      { sha256, size, uploadedAt: object.eventTime, versionId: object.versionId, duplicateOf },
      signal,
    ),
  );
  if (outcome === 'already-recorded') {
    // Another version may have been recorded between the read above and this step.
    const recorded = await context.call('dynamodb', (signal) => recordedUpload(dependencies, receipt, signal));
    if (recorded && recorded.versionId !== object.versionId)
      return ignoreUpload(object, receipt, recorded.versionId, context, dependencies);
  }
  // The original joins the index the retention keeper seals each day (once: a repeat finds it there).
  await context.call('dynamodb', (signal) =>
    indexOriginal(
      dependencies.dynamodb,
      dependencies.notesTable,
      {
        tenant: receipt.tenant,
        receiptId: receipt.receiptId,
        ...(receipt.noteId ? { noteId: receipt.noteId } : {}),
        key: object.key,
        versionId: object.versionId ?? null,
        sha256,
        size,
        uploadedAt: object.eventTime,
      },
      dependencies.now().toISOString(),
      signal,
    ),
  );
  context.log.info({
    event: 'receipt-recorded',
    tenant: receipt.tenant,
    receiptId: receipt.receiptId,
    sha256,
    size,
    versionId: object.versionId,
    outcome,
    ...(duplicateOf ? { duplicateOf: duplicateOf.receiptId } : {}),
  });
}

/** Counted on the service's metrics: later uploads to a receipt whose original is pinned. */
export const UPLOADS_IGNORED_METRIC = 'uploads_ignored';

async function ignoreUpload(
  object: CreatedObject,
  receipt: ReceiptRef,
  pinnedVersionId: string | undefined,
  context: IntakeContext,
  dependencies: IntakeDependencies,
): Promise<void> {
  if (object.versionId) await context.call('dynamodb', (signal) => recordIgnoredUpload(dependencies, receipt, object.versionId!, signal));
  context.metrics.increment(UPLOADS_IGNORED_METRIC);
  context.log.warn({
    event: 'receipt-upload-ignored',
    tenant: receipt.tenant,
    receiptId: receipt.receiptId,
    versionId: object.versionId,
    pinnedVersionId,
    reason: 'a later upload to a receipt whose original is already recorded',
  });
}
