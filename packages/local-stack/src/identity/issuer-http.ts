import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import { closeServer, listenOnLoopback } from '../net/listen.js';
import { LOOPBACK } from '../net/ports.js';
import { InvalidMintRequestError } from './claims.js';
import { checkBrowserRequest } from '../net/browser-guard.js';

export interface IssuerEndpoints {
  jwks(): JSONWebKeySet;
  openidConfiguration(): Record<string, unknown>;
  /** Validates and signs; throws InvalidMintRequestError on bad input. */
  mint(body: unknown): Promise<string>;
}

export interface IssuerHttp {
  readonly port: number;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  500: 'Internal Server Error',
};

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(value));
}

function sendProblem(response: ServerResponse, problem: HttpProblem): void {
  const body = {
    type: 'about:blank',
    title: STATUS_TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    ...(problem.field === undefined ? {} : { field: problem.field }),
  };
  sendJson(response, problem.status, body, 'application/problem+json', problem.headers);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) throw new HttpProblem(413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.', 'body');
  }
}

async function handle(endpoints: IssuerEndpoints, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const { pathname } = new URL(request.url ?? '/', `http://${LOOPBACK}`);
  const only = (allowed: string) => {
    if (method !== allowed) throw new HttpProblem(405, `${method} is not supported on ${pathname}.`, undefined, { allow: allowed });
  };

  switch (pathname) {
    case '/.well-known/jwks.json':
      only('GET');
      return sendJson(response, 200, endpoints.jwks());
    case '/.well-known/openid-configuration':
      only('GET');
      return sendJson(response, 200, endpoints.openidConfiguration());
    case '/token': {
      only('POST');
      const body = await readJson(request);
      try {
        return sendJson(response, 200, { token: await endpoints.mint(body) });
      } catch (error) {
        if (error instanceof InvalidMintRequestError) throw new HttpProblem(400, error.message, error.field);
        throw error;
      }
    }
    default:
      throw new HttpProblem(
        404,
        `Nothing at ${pathname}: the issuer serves /.well-known/jwks.json, /.well-known/openid-configuration and POST /token.`,
      );
  }
}

export interface IssuerHttpOptions {
  readonly port: number;
  readonly endpoints: IssuerEndpoints;
  /** Web origins whose pages may call the issuer (CORS); none by default: a page must not mint tokens. */
  readonly allowedOrigins?: readonly string[];
}

export async function startIssuerHttp(options: IssuerHttpOptions): Promise<IssuerHttp> {
  const server = createServer((request, response) => {
    const browser = checkBrowserRequest(request, options.allowedOrigins ?? []);
    if (!browser.ok) {
      request.resume();
      return sendProblem(response, new HttpProblem(403, browser.reason, 'origin', { connection: 'close' }));
    }
    for (const [name, value] of Object.entries(browser.corsHeaders)) response.setHeader(name, value!);
    if (browser.preflight) return void response.writeHead(204).end();
    handle(options.endpoints, request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, error instanceof Error ? error.message : String(error));
      // An unread request body would otherwise be left hanging on the connection.
      if (problem.status === 413) response.setHeader('connection', 'close');
      sendProblem(response, problem);
    });
  });
  const port = await listenOnLoopback(server, options.port, 'the token issuer');
  return {
    port,
    stop: () => closeServer(server),
  };
}
