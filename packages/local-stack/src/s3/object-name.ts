/**
 * Names the S3 emulator behind the edge can store without leaving its folder. It keeps each
 * bucket as a folder and each key as a path under it, so a name that a file system reads as
 * a step up, a root or another separator would reach files outside. S3 itself stores such
 * keys as plain strings; the local edge refuses them rather than let them reach the disk.
 */

/** S3's rules for new bucket names (lower case, digits, dots and hyphens, 3 to 63). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function decodedOnceMore(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Why the edge will not store this bucket name, or undefined when it is a valid S3 name. */
export function unsafeBucketReason(bucket: string): string | undefined {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) return 'The specified bucket is not valid.';
  return undefined;
}

/** Why the edge will not store this key (already URL-decoded once), or undefined when it is safe. */
export function unsafeKeyReason(key: string): string | undefined {
  if (Buffer.byteLength(key) > 1024) return 'The key is longer than 1024 bytes.';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'The key holds a control character (NUL, line break, ...).';
  if (key.includes('\\')) return 'The key holds a backslash, a path separator on some file systems.';
  if (key.startsWith('/')) return 'The key starts with a slash (an absolute path).';
  if (/^[a-zA-Z]:/.test(key)) return 'The key starts with a drive letter (an absolute path).';
  const steps = key.split('/').map(decodedOnceMore);
  if (steps.some((step) => step === '.' || step === '..')) return 'The key holds a "." or ".." path segment (plain or percent-encoded).';
  return undefined;
}
