import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MAX_RECEIPT_BYTES } from '@ndf/contracts';
import { PermanentError } from '@ndf/runtime';

/** An object of the receipts bucket; an original is named with the version that was recorded, so a later upload to its key is never read. */
export interface StoredObject {
  readonly key: string;
  readonly versionId?: string | undefined;
}

/** The bytes of an object of the receipts bucket; one over the receipt limit is never read whole. */
export async function readObject(
  s3: S3Client,
  bucket: string,
  object: string | StoredObject,
  signal: AbortSignal,
  maxBytes = MAX_RECEIPT_BYTES,
): Promise<Uint8Array> {
  const { key, versionId } = typeof object === 'string' ? { key: object, versionId: undefined } : object;
  const { Body, ContentLength } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), {
    abortSignal: signal,
  });
  if (ContentLength !== undefined && ContentLength > maxBytes) {
    Body?.transformToWebStream()
      .cancel()
      .catch(() => undefined);
    throw new PermanentError(`${key} holds ${ContentLength} bytes, more than the ${maxBytes} a receipt may have.`);
  }
  if (Body === undefined) throw new Error(`S3 returned no body for ${key}.`);
  return Body.transformToByteArray();
}

/** Writes a derived file (never an original: those live under tenants/, these under derived/). */
export async function writeDerived(
  s3: S3Client,
  bucket: string,
  key: string,
  bytes: Uint8Array,
  contentType: string,
  signal: AbortSignal,
): Promise<void> {
  if (!key.startsWith('derived/')) throw new Error(`${key} is not a derived key: originals are never written.`);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }), { abortSignal: signal });
}
