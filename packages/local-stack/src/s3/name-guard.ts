import type { IncomingHttpHeaders } from 'node:http';
import { unsafeBucketReason, unsafeKeyReason } from './object-name.js';
import { parseTarget, type Target } from './s3-request.js';

export interface NameRefusal {
  readonly code: 'InvalidBucketName' | 'InvalidArgument';
  readonly message: string;
}

function checkNames(bucket: string, key: string | undefined, what: string): NameRefusal | undefined {
  const bucketReason = bucket ? unsafeBucketReason(bucket) : undefined;
  if (bucketReason) return { code: 'InvalidBucketName', message: `${bucketReason} (${what})` };
  const keyReason = key === undefined ? undefined : unsafeKeyReason(key);
  if (keyReason) return { code: 'InvalidArgument', message: `The local S3 does not store this key: ${keyReason} (${what})` };
  return undefined;
}

/** Refuses a request whose bucket, key or copy source could name a file outside the emulator's folder. */
export function refuseUnsafeNames(target: Target, headers: IncomingHttpHeaders): NameRefusal | undefined {
  const refusal = checkNames(target.bucket, target.key, 'the request path');
  if (refusal) return refusal;
  const copySource = headers['x-amz-copy-source'];
  if (typeof copySource !== 'string') return undefined;
  const source = parseTarget(copySource.startsWith('/') ? copySource : `/${copySource}`);
  return checkNames(source.bucket, source.key ?? '', 'x-amz-copy-source');
}

/** The same check for a key chosen in a POST form (after `${filename}` is put in). */
export function refuseUnsafeKey(key: string): NameRefusal | undefined {
  return checkNames('', key, 'the form field key');
}
