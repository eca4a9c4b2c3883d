import { GetObjectCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { MAX_RECEIPT_BYTES, RECEIPT_UPLOAD_EXPIRY_SECONDS, type ReceiptUpload } from '@ndf/contracts';

/** How long a thumbnail link stays valid. */
export const THUMBNAIL_URL_EXPIRY_SECONDS = 15 * 60;

/** Presigned access to the receipts bucket: uploads of originals, downloads of thumbnails. Signing is local, no call to S3. */
export class ReceiptFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** A browser-style POST that S3 accepts only for this key, this content type, at most 20 MiB, for 15 minutes. */
  async uploadForm(key: string, contentType: string, now: Date): Promise<ReceiptUpload['upload']> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 0, MAX_RECEIPT_BYTES],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: RECEIPT_UPLOAD_EXPIRY_SECONDS,
    });
    return { url, fields, expiresAt: new Date(now.getTime() + RECEIPT_UPLOAD_EXPIRY_SECONDS * 1000).toISOString(), maxBytes: MAX_RECEIPT_BYTES };
  }

  async probeBucket(signal: AbortSignal): Promise<void> {
    await this.s3.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: signal });
  }

  thumbnailUrl(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: THUMBNAIL_URL_EXPIRY_SECONDS });
  }
}
