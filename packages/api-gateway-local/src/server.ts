import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { gatewayClaims } from './claims.js';
import { buildEvent, gatewayRequestId } from './event.js';
import { createJwtAuthorizer, type JwtAuthorizerOptions } from '@ndf/jwt-authorizer';
import { answerOf, gatewayMessage, type HttpAnswer } from './result.js';
import { routeMatcher, type RouteConfig } from './routes.js';

export const LOOPBACK = '127.0.0.1';
/** API Gateway HTTP APIs refuse payloads over 10 MB. */
export const GATEWAY_PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** HTTP APIs give an integration at most 30 s. */
export const GATEWAY_INTEGRATION_TIMEOUT_MS = 30_000;

export type LambdaHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyResultV2<unknown>>;

export interface ApiGatewayLocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly handler: LambdaHandler;
  /** Defaults to one `$default` route behind the authorizer. */
  readonly routes?: readonly RouteConfig[];
  /** Required when any route is authorized. */
  readonly authorizer?: JwtAuthorizerOptions;
  readonly payloadLimitBytes?: number;
  readonly integrationTimeoutMs?: number;
  readonly apiId?: string;
  readonly stage?: string;
  /** Names the API in a port error. */
  readonly name?: string;
  /** Handler failures are reported here (API Gateway answers them with a bare 500). */
  readonly log?: (line: string) => void;
}

export interface ApiGatewayLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

class PayloadTooLarge extends Error {}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLarge();
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

function send(response: ServerResponse, answer: HttpAnswer, requestId: string, close = false): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(answer.status, {
    ...answer.headers,
    'apigw-requestid': requestId,
    'content-length': String(answer.body.length),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(answer.body);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
const TIMED_OUT = Symbol('timed out');

function listen(server: Server, port: number, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${LOOPBACK}, wanted by ${name}, is already in use.`) : error),
    );
    server.listen({ port, host: LOOPBACK }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Serves a Lambda handler over HTTP on loopback as an API Gateway HTTP API does: route match
 * (404 otherwise), the JWT authorizer (401 before the handler), the payload limit (413), the
 * payload 2.0 event, the integration timeout (503), and the answer mapped back. It does not
 * throttle (API Gateway's stage and per-route throttles, the catalog's throttle and
 * publicThrottle, exist in the cloud only): it serves one developer on loopback.
 */
export async function startApiGatewayLocal(options: ApiGatewayLocalOptions): Promise<ApiGatewayLocal> {
  const routes = options.routes ?? [{ routeKey: '$default' }];
  const match = routeMatcher(routes);
  if (routes.some((route) => route.authorized ?? true) && !options.authorizer)
    throw new Error('An authorized route needs the authorizer options (issuer, audience, JWKS URL).');
  const authorize = options.authorizer ? createJwtAuthorizer(options.authorizer) : undefined;
  const payloadLimit = options.payloadLimitBytes ?? GATEWAY_PAYLOAD_LIMIT_BYTES;
  const integrationTimeout = options.integrationTimeoutMs ?? GATEWAY_INTEGRATION_TIMEOUT_MS;
  const apiId = options.apiId ?? 'local';
  const stage = options.stage ?? '$default';
  const log = options.log ?? ((line: string) => console.error(line));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = gatewayRequestId();
    const timeEpoch = Date.now();
    const url = request.url ?? '/';
    const rawPath = url.split('?', 1)[0]!;
    const route = match(request.method ?? 'GET', rawPath);
    let body: Buffer;
    try {
      body = await readBody(request, payloadLimit);
    } catch (error) {
      if (error instanceof PayloadTooLarge) return send(response, gatewayMessage(413, 'Request Entity Too Large'), requestId, true);
      throw error;
    }
    if (!route) return send(response, gatewayMessage(404, 'Not Found'), requestId);

    let authorizer;
    if (route.authorized) {
      const verdict = await authorize!(request.headers.authorization);
      if (!verdict.ok)
        return send(
          response,
          { ...gatewayMessage(401, 'Unauthorized'), headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' } },
          requestId,
        );
      authorizer = { principalId: '', integrationLatency: 0, jwt: { claims: gatewayClaims(verdict.claims), scopes: verdict.scopes } };
    }

    const event = buildEvent(request, body, { apiId, stage, route, requestId, timeEpoch, authorizer });
    let result;
    try {
      result = await withTimeout(options.handler(event), integrationTimeout);
    } catch (error) {
      log(
        `handler failed on ${request.method} ${rawPath} (${requestId}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return send(response, gatewayMessage(500, 'Internal Server Error'), requestId);
    }
    if (result === TIMED_OUT) return send(response, gatewayMessage(503, 'Service Unavailable'), requestId);
    send(response, answerOf(result), requestId);
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`API Gateway stand-in failed on ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, gatewayMessage(500, 'Internal Server Error'), 'none', true);
    });
  });
  const port = await listen(server, options.port, options.name ?? 'the API Gateway stand-in');
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
