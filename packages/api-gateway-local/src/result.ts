import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

export const gatewayMessage = (status: number, message: string): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message })),
});

/**
 * What API Gateway makes of a Lambda's answer (payload 2.0): a structured result as given
 * (base64 bodies decoded, cookies as Set-Cookie); anything else is a 200 JSON body.
 */
export function answerOf(result: APIGatewayProxyResultV2<unknown>): HttpAnswer {
  if (result === undefined || result === null)
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.alloc(0) };
  if (typeof result === 'object' && 'statusCode' in result) {
    const structured = result as {
      statusCode?: unknown;
      headers?: Record<string, unknown>;
      body?: unknown;
      isBase64Encoded?: unknown;
      cookies?: unknown;
    };
    const status = structured.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
      return gatewayMessage(500, 'Internal Server Error');
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
    if (Array.isArray(structured.cookies) && structured.cookies.length > 0) headers['set-cookie'] = structured.cookies.map(String);
    const text = typeof structured.body === 'string' ? structured.body : '';
    const body = structured.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
    return { status, headers, body };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result);
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
}
