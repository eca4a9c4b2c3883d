import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FieldError, ProblemCode } from '@ndf/contracts';
import { ProblemError, invalid } from './problem.js';

/** The body's bytes as sent, whether API Gateway passed it as text or base64. */
export function bodyBytes(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

function mediaTypeOf(headers: Readonly<Record<string, string | undefined>>): { type: string; charset: string | undefined } | undefined {
  const header = headers['content-type'];
  if (!header) return undefined;
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim());
  const charset = parameters.map((parameter) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(parameter)?.[1]).find(Boolean);
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() };
}

/**
 * A body of one of `mediaTypes` (415 otherwise, with the accepted ones), at most `maxBytes`
 * (413), in UTF-8 (400 with the `notText` code otherwise): its text and its media type.
 */
export function readTextBody(
  event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>,
  options: { maxBytes: number; mediaTypes: readonly string[]; notText?: ProblemCode },
): { text: string; mediaType: string } {
  const media = mediaTypeOf(event.headers);
  if (!media || !options.mediaTypes.includes(media.type) || (media.charset !== undefined && media.charset !== 'utf-8')) {
    throw new ProblemError(
      415,
      'unsupported_media_type',
      `The body must be ${options.mediaTypes.join(' or ')} in UTF-8 (Content-Type: ${options.mediaTypes[0]}).`,
      undefined,
      {
        'accept-post': options.mediaTypes.join(', '),
      },
    );
  }
  const bytes = bodyBytes(event);
  if (bytes.length > options.maxBytes)
    throw new ProblemError(413, 'payload_too_large', `The body has ${bytes.length} bytes; at most ${options.maxBytes} are accepted.`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), mediaType: media.type };
  } catch {
    throw new ProblemError(400, options.notText ?? 'validation_failed', 'The body is not valid UTF-8.');
  }
}

// In u-mode a valid pair is one code point outside this range; only a lone half matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** How deep arrays and objects may nest in a body: the contract's deepest is 3; every walk of a body stays well within the stack. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, read in one pass outside strings, stopping past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return deepest;
}

/** Pointers to strings that are not well-formed Unicode (lone surrogates), which no store should keep. */
function malformedStrings(value: unknown, pointer = ''): FieldError[] {
  if (typeof value === 'string') {
    return !LONE_SURROGATE.test(value)
      ? []
      : [{ field: pointer || '/', in: 'body', code: 'invalid_format', detail: 'Must be well-formed Unicode text (no lone surrogates).' }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => malformedStrings(item, `${pointer}/${index}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      malformedStrings(item, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
    );
  }
  return [];
}

/**
 * The parsed JSON body, or the problem that says why not: 415 for another media type or
 * charset, 413 over `maxBytes`, 400 for bytes that are not UTF-8 JSON or nest deeper than
 * MAX_JSON_DEPTH (checked before any recursive walk: the validator's, the hash's, this file's).
 */
export function readJsonBody(
  event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>,
  options: { maxBytes: number; mediaTypes: readonly string[] },
): unknown {
  const { text } = readTextBody(event, { ...options, notText: 'malformed_json' });
  if (nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ProblemError(400, 'too_deeply_nested', `The body nests arrays or objects more than ${MAX_JSON_DEPTH} deep.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProblemError(400, 'malformed_json', `The body is not valid JSON${error instanceof SyntaxError ? `: ${error.message}` : '.'}`);
  }
  const malformed = malformedStrings(value);
  if (malformed.length > 0) throw invalid(malformed);
  return value;
}
