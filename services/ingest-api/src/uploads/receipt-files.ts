import type { S3Client } from '@aws-sdk/client-s3';
import { MAX_RECEIPT_BYTES, RECEIPT_DERIVED_PREFIX, RECEIPT_UPLOAD_EXPIRY_SECONDS, type ReceiptUpload } from '@ndf/contracts';

/** How long a thumbnail link stays valid. */
export const THUMBNAIL_URL_EXPIRY_SECONDS = 15 * 60;

/**
 * Presigned access to the receipts bucket: uploads of originals, downloads of thumbnails.
 * Signing is local, no call to S3. The S3 modules load on first use (see IngestClients.s3).
 */
export class ReceiptFiles {
  constructor(
    private readonly s3: () => Promise<S3Client>,
    private readonly bucket: string,
  ) {}

  /** A browser-style POST that S3 accepts only for this key, this content type, at most 20 MiB, for 15 minutes. */
  async uploadForm(key: string, contentType: string, now: Date): Promise<ReceiptUpload['upload']> {
    const [{ createPresignedPost }, s3] = await Promise.all([import('@aws-sdk/s3-presigned-post'), this.s3()]);
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 0, MAX_RECEIPT_BYTES],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: RECEIPT_UPLOAD_EXPIRY_SECONDS,
    });
    return {
      url,
      fields,
      expiresAt: new Date(now.getTime() + RECEIPT_UPLOAD_EXPIRY_SECONDS * 1000).toISOString(),
      maxBytes: MAX_RECEIPT_BYTES,
    };
  }

  /**
   * Proves the bucket answers this role: a listing of at most one key under the prefix its role
   * may list (the derived copies). HeadBucket would need s3:ListBucket on the whole bucket.
   */
  async probeBucket(signal: AbortSignal): Promise<void> {
    const [{ ListObjectsV2Command }, s3] = await Promise.all([import('@aws-sdk/client-s3'), this.s3()]);
    await s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: RECEIPT_DERIVED_PREFIX, MaxKeys: 1 }), { abortSignal: signal });
  }

  async thumbnailUrl(key: string): Promise<string> {
    const [{ GetObjectCommand }, { getSignedUrl }, s3] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
      this.s3(),
    ]);
    return getSignedUrl(s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: THUMBNAIL_URL_EXPIRY_SECONDS });
  }
}
