import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StoredObject } from './s3-object-created.js';

const isNotFound = (error: unknown) =>
  (error as { name?: string }).name === 'NotFound' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/** The object at `key` if it is stored; undefined when it is not (yet). */
export async function storedObject(
  s3: S3Client,
  { region, bucket, key }: { readonly region: string; readonly bucket: string; readonly key: string },
  signal: AbortSignal,
): Promise<StoredObject | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return {
      region,
      bucket,
      key,
      size: head.ContentLength ?? 0,
      eTag: head.ETag ?? '',
      ...(head.VersionId && head.VersionId !== 'null' ? { versionId: head.VersionId } : {}),
      lastModified: head.LastModified ?? new Date(),
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
