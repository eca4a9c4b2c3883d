import { invalid, ProblemError } from './problem.js';

/** A version from If-Match: `"3"`, `W/"3"` or `3`. */
export function versionFromIfMatch(header: string | undefined): number | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : 'invalid';
}

/**
 * The version a request's If-Match names: 400 naming the header when it is not a version, 428
 * when `required` and absent (`readFrom` says where the caller reads the ETag to send).
 */
export function ifMatchVersion(
  headers: Readonly<Record<string, string | undefined>>,
  options: { readonly required: boolean; readonly readFrom: string },
): number | undefined {
  const version = versionFromIfMatch(headers['if-match']);
  if (version === 'invalid')
    throw invalid([
      { field: 'If-Match', in: 'header', code: 'invalid_format', detail: 'Must be a version as its ETag gives it, e.g. "3".' },
    ]);
  if (version === undefined && options.required)
    throw new ProblemError(428, 'precondition_required', `Send If-Match with the version you read (the ETag of ${options.readFrom}).`);
  return version;
}
