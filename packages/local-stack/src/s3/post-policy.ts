import { createHmac, timingSafeEqual } from 'node:crypto';

/** Secret access key of an access key id, or undefined when the key is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

export interface PostUpload {
  /** The bucket named in the URL. */
  readonly bucket: string;
  /** The form fields sent before the file, names as sent. */
  readonly fields: Readonly<Record<string, string>>;
  /** The uploaded file's name, which replaces `${filename}` in the key. */
  readonly filename: string;
  /** The real byte count of the file; without it every check but content-length-range is made. */
  readonly fileSize?: number | undefined;
  readonly now: Date;
  /** The region this endpoint serves; the credential scope must name it. */
  readonly region: string;
  readonly credentials: SecretLookup;
}

export interface ContentLengthRange {
  readonly min: number;
  readonly max: number;
}

export interface PostAccepted {
  readonly ok: true;
  readonly key: string;
  readonly contentType: string;
  /** User metadata from the `x-amz-meta-*` fields: names lower-cased, without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Other headers stored with the object (cache-control, content-disposition, content-encoding, expires). */
  readonly headers: Readonly<Record<string, string>>;
  readonly successActionStatus: 200 | 201 | 204;
  readonly successActionRedirect: string | undefined;
  readonly accessKeyId: string;
  /** The allowed file sizes, when the policy bounds them. */
  readonly contentLengthRange: ContentLengthRange | undefined;
}

export interface PostRefused {
  readonly ok: false;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Extra elements of S3's error document (ArgumentName, MaxSizeAllowed, ...). */
  readonly details: Readonly<Record<string, string>>;
}

export type PostPolicyResult = PostAccepted | PostRefused;

type Condition =
  | { readonly kind: 'eq' | 'starts-with'; readonly field: string; readonly written: string; readonly value: string }
  | { readonly kind: 'content-length-range'; readonly min: number; readonly max: number };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_KEY_BYTES = 1024;
/** Fields S3 never asks the policy to cover. */
const UNCOVERED_FIELDS = new Set(['policy', 'x-amz-signature', 'file']);
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'expires'];

function refuse(status: number, code: string, message: string, details: Record<string, string> = {}): PostRefused {
  return { ok: false, status, code, message, details };
}

function missingField(name: string): PostRefused {
  return refuse(
    400,
    'InvalidArgument',
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    {
      ArgumentName: name,
      ArgumentValue: '',
    },
  );
}

function invalidPolicy(reason: string): PostRefused {
  return refuse(400, 'InvalidPolicyDocument', `Invalid Policy: ${reason}`);
}

function policyViolation(reason: string): PostRefused {
  return refuse(403, 'AccessDenied', `Invalid according to Policy: ${reason}`);
}

export function signPolicy(policy: string, secret: string, date: string, region: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', signingKey).update(policy, 'utf8').digest('hex');
}

function sameSignature(provided: string, expected: string): boolean {
  const a = Buffer.from(provided.toLowerCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function lowerCaseFields(fields: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Checks the credential, the algorithm and the signature; answers the access key id when they hold. */
function authenticate(fields: Map<string, string>, upload: PostUpload): PostRefused | { accessKeyId: string } {
  if (!fields.has('policy') && !fields.has('x-amz-signature') && !fields.has('x-amz-credential')) {
    return refuse(403, 'AccessDenied', 'Access Denied');
  }
  for (const name of ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'policy', 'x-amz-signature']) {
    if (!fields.has(name)) return missingField(name);
  }
  const algorithm = fields.get('x-amz-algorithm') ?? '';
  if (algorithm !== ALGORITHM) {
    return refuse(400, 'InvalidArgument', `X-Amz-Algorithm only supports "${ALGORITHM}"`, {
      ArgumentName: 'x-amz-algorithm',
      ArgumentValue: algorithm,
    });
  }
  const credential = fields.get('x-amz-credential') ?? '';
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (!accessKeyId || !date || !/^\d{8}$/.test(date) || !region || !service || terminator !== 'aws4_request' || rest.length > 0) {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  if (region !== upload.region) {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      `Error parsing the X-Amz-Credential parameter; the region '${region}' is wrong; expecting '${upload.region}'`,
      {
        Region: upload.region,
      },
    );
  }
  if (service !== 's3') {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      `Error parsing the X-Amz-Credential parameter; incorrect service '${service}'. This endpoint belongs to 's3'.`,
    );
  }
  const secret = upload.credentials(accessKeyId);
  if (secret === undefined) {
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }
  const policy = fields.get('policy') ?? '';
  const provided = fields.get('x-amz-signature') ?? '';
  if (!sameSignature(provided, signPolicy(policy, secret, date, region))) {
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      { AWSAccessKeyId: accessKeyId, StringToSign: policy, SignatureProvided: provided },
    );
  }
  return { accessKeyId };
}

function parseRangeBound(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

function parseCondition(raw: unknown): Condition[] | undefined {
  if (Array.isArray(raw)) {
    const [operator, first, second] = raw as unknown[];
    if (raw.length !== 3 || typeof operator !== 'string') return undefined;
    const kind = operator.toLowerCase();
    if (kind === 'content-length-range') {
      const min = parseRangeBound(first);
      const max = parseRangeBound(second);
      return min === undefined || max === undefined || min > max ? undefined : [{ kind, min, max }];
    }
    if ((kind === 'eq' || kind === 'starts-with') && typeof first === 'string' && first.startsWith('$') && typeof second === 'string') {
      return [{ kind, field: first.slice(1).toLowerCase(), written: first, value: second }];
    }
    return undefined;
  }
  if (raw !== null && typeof raw === 'object') {
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length === 0 || entries.some(([, value]) => typeof value !== 'string')) return undefined;
    return entries.map(([field, value]) => ({
      kind: 'eq' as const,
      field: field.toLowerCase(),
      written: `$${field}`,
      value: value as string,
    }));
  }
  return undefined;
}

function parsePolicy(encoded: string): PostRefused | { expiration: number; conditions: Condition[] } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.replace(/\s/g, ''))) return invalidPolicy('Invalid JSON.');
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return invalidPolicy('Invalid JSON.');
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (expiration === undefined) return invalidPolicy('Policy missing expiration.');
  const expiresAt = typeof expiration === 'string' ? Date.parse(expiration) : Number.NaN;
  if (Number.isNaN(expiresAt)) return invalidPolicy(`Invalid 'expiration' value: '${String(expiration)}'`);
  if (!Array.isArray(conditions)) return invalidPolicy('Policy missing conditions.');
  const parsed: Condition[] = [];
  for (const raw of conditions) {
    const condition = parseCondition(raw);
    if (!condition) return invalidPolicy(`Invalid Condition: ${JSON.stringify(raw)}`);
    parsed.push(...condition);
  }
  return { expiration: expiresAt, conditions: parsed };
}

function describe(condition: Condition): string {
  return condition.kind === 'content-length-range'
    ? `["content-length-range", ${condition.min}, ${condition.max}]`
    : `[${[condition.kind, condition.written, condition.value].map((part) => JSON.stringify(part)).join(', ')}]`;
}

function holds(condition: Condition, values: Map<string, string>): boolean {
  if (condition.kind === 'content-length-range') return true;
  const actual = values.get(condition.field);
  if (actual === undefined) return false;
  if (condition.kind === 'eq') return actual === condition.value;
  // S3 reads a Content-Type with commas as a list whose every entry must match.
  const candidates = condition.field === 'content-type' ? actual.split(',').map((part) => part.trim()) : [actual];
  return candidates.every((candidate) => candidate.startsWith(condition.value));
}

function lengthRange(conditions: readonly Condition[]): ContentLengthRange | undefined {
  let range: ContentLengthRange | undefined;
  for (const condition of conditions) {
    if (condition.kind !== 'content-length-range') continue;
    range = range
      ? { min: Math.max(range.min, condition.min), max: Math.min(range.max, condition.max) }
      : { min: condition.min, max: condition.max };
  }
  return range;
}

/** S3's answer to a file of `size` bytes under `range`, or undefined when the size is allowed. */
export function checkContentLength(range: ContentLengthRange | undefined, size: number): PostRefused | undefined {
  if (!range) return undefined;
  if (size > range.max) {
    return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(size),
      MaxSizeAllowed: String(range.max),
    });
  }
  if (size < range.min) {
    return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: String(size),
      MinSizeAllowed: String(range.min),
    });
  }
  return undefined;
}

function successStatus(value: string | undefined): 200 | 201 | 204 {
  return value === '200' ? 200 : value === '201' ? 201 : 204;
}

/** Verifies a browser-based POST upload (signature version 4) as S3 does. */
export function verifyPostPolicy(upload: PostUpload): PostPolicyResult {
  const fields = lowerCaseFields(upload.fields);
  const identity = authenticate(fields, upload);
  if ('ok' in identity) return identity;

  const rawKey = fields.get('key');
  if (rawKey === undefined) return missingField('key');
  const key = rawKey.replaceAll('${filename}', upload.filename);
  if (key.length === 0)
    return refuse(400, 'InvalidArgument', 'User key must have a length greater than 0.', { ArgumentName: 'key', ArgumentValue: '' });
  const keyBytes = Buffer.byteLength(key, 'utf8');
  if (keyBytes > MAX_KEY_BYTES)
    return refuse(400, 'KeyTooLongError', 'Your key is too long', { MaxSizeAllowed: String(MAX_KEY_BYTES), Size: String(keyBytes) });

  const policy = parsePolicy(fields.get('policy') ?? '');
  if ('ok' in policy) return policy;
  if (upload.now.getTime() > policy.expiration) return policyViolation('Policy expired.');

  const values = new Map(fields);
  values.set('bucket', upload.bucket);
  values.set('key', key);
  const failed = policy.conditions.find((condition) => !holds(condition, values));
  if (failed) return policyViolation(`Policy Condition failed: ${describe(failed)}`);

  const covered = new Set(policy.conditions.flatMap((condition) => (condition.kind === 'content-length-range' ? [] : [condition.field])));
  const extra = [...fields.keys()].filter((name) => !UNCOVERED_FIELDS.has(name) && !name.startsWith('x-ignore-') && !covered.has(name));
  if (extra.length > 0) return policyViolation(`Extra input fields: ${extra.join(', ')}`);

  const contentLengthRange = lengthRange(policy.conditions);
  if (upload.fileSize !== undefined) {
    const sizeRefusal = checkContentLength(contentLengthRange, upload.fileSize);
    if (sizeRefusal) return sizeRefusal;
  }

  const metadata = Object.fromEntries(
    [...fields].filter(([name]) => name.startsWith('x-amz-meta-')).map(([name, value]) => [name.slice('x-amz-meta-'.length), value]),
  );
  const headers = Object.fromEntries(STORED_HEADERS.flatMap((name) => (fields.has(name) ? [[name, fields.get(name) ?? '']] : [])));
  return {
    ok: true,
    key,
    contentType: fields.get('content-type') ?? 'binary/octet-stream',
    metadata,
    headers,
    successActionStatus: successStatus(fields.get('success_action_status')),
    successActionRedirect: fields.get('success_action_redirect') ?? fields.get('redirect'),
    accessKeyId: identity.accessKeyId,
    contentLengthRange,
  };
}
