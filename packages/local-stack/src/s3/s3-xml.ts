import { randomBytes } from 'node:crypto';

/** The pair of ids S3 gives every response (x-amz-request-id, x-amz-id-2). */
export interface RequestIds {
  readonly requestId: string;
  readonly hostId: string;
}

export function newRequestIds(): RequestIds {
  return { requestId: randomBytes(8).toString('hex').toUpperCase(), hostId: randomBytes(48).toString('base64') };
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char);
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function elements(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
}

export function errorXml(code: string, message: string, details: Readonly<Record<string, string>>, ids: RequestIds): string {
  return `${XML_DECLARATION}<Error>${elements({ Code: code, Message: message, ...details, RequestId: ids.requestId, HostId: ids.hostId })}</Error>`;
}

/** The body of a POST upload answered with success_action_status 201. */
export function postResponseXml(location: string, bucket: string, key: string, eTag: string): string {
  return `${XML_DECLARATION}<PostResponse>${elements({ Location: location, Bucket: bucket, Key: key, ETag: eTag })}</PostResponse>`;
}
