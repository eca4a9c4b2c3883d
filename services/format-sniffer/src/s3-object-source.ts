import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ByteSource } from './byte-source.js';

export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** The object's size when already known (the S3 event carries it); otherwise a HEAD asks. */
  readonly size?: number;
}

/** An S3 object read by ranges: sniffing a 20 MB receipt fetches a few hundred kilobytes. */
export async function s3ObjectSource(client: S3Client, object: S3ObjectRef, signal?: AbortSignal): Promise<ByteSource> {
  const target = { Bucket: object.bucket, Key: object.key, VersionId: object.versionId };
  const size = object.size ?? (await client.send(new HeadObjectCommand(target), { abortSignal: signal })).ContentLength ?? 0;
  return {
    size,
    async read(start, end, readSignal) {
      const last = Math.min(end, size) - 1;
      if (last < start) return new Uint8Array(0);
      const response = await client.send(new GetObjectCommand({ ...target, Range: `bytes=${start}-${last}` }), {
        abortSignal: readSignal ?? signal,
      });
      return response.Body ? await response.Body.transformToByteArray() : new Uint8Array(0);
    },
  };
}
