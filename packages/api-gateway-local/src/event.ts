import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteMatch } from './routes.js';

export const ACCOUNT_ID = '000000000000';

export interface EventContext {
  readonly apiId: string;
  readonly stage: string;
  readonly route: RouteMatch;
  readonly requestId: string;
  readonly timeEpoch: number;
  readonly authorizer: APIGatewayEventRequestContextJWTAuthorizer | undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, as requestContext.time. */
export function gatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A request id shaped like API Gateway's (`JDfk3i4bCYcEMpA=`). */
export function gatewayRequestId(): string {
  return randomBytes(10).toString('base64');
}

/**
 * Whether API Gateway passes a body as text; everything else arrives base64-encoded with
 * isBase64Encoded true (form posts and bodies without a content type included).
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/([\w.-]+\+)?(json|xml)$/.test(type) || type === 'application/javascript';
}

/** Headers lower-cased, repeated ones joined by commas; cookies go to their own list. */
function headersOf(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] | undefined } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!.toLowerCase();
    const value = rawHeaders[index + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies: cookies.length > 0 ? cookies : undefined };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString))
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  return parameters;
}

/** The payload format 2.0 event API Gateway sends for this request. */
export function buildEvent(request: IncomingMessage, body: Buffer, context: EventContext): APIGatewayProxyEventV2WithJWTAuthorizer {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : url.slice(queryStart + 1);
  const { headers, cookies } = headersOf(request.rawHeaders);
  const domainName = headers.host ?? 'localhost';
  const text = isTextContentType(headers['content-type']);
  const queryStringParameters = queryParameters(rawQueryString);
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey: context.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    // A route without authorizer gets no `authorizer`; the type of a JWT-authorized API cannot say so.
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: context.apiId,
      ...(context.authorizer ? { authorizer: context.authorizer } : {}),
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.route.routeKey,
      stage: context.stage,
      time: gatewayTime(context.timeEpoch),
      timeEpoch: context.timeEpoch,
    } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...(context.route.pathParameters ? { pathParameters: context.route.pathParameters } : {}),
    isBase64Encoded: body.length > 0 && !text,
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
  };
  return event;
}
