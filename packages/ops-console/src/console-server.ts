import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MonitorReadModel } from '@ndf/alerting';
import type { DynamoQuarantineStore } from '@ndf/runtime';
import { HttpProblem, sendJson, sendProblem } from './http-problem.js';
import { operatorAuthenticator, type OperatorTokenIssuer } from './operator-auth.js';
import { buildPageAssets, type PageAsset } from './page-assets.js';
import { monitorRoutes } from './routes/monitor-routes.js';
import { quarantineRoutes } from './routes/quarantine-routes.js';
import { matchRoute, type ApiRoute } from './routes/route.js';
import { stalledRoutes, type StalledSource } from './routes/stalled-routes.js';

export interface OpsConsoleOptions {
  /** 0 for any free port. */
  readonly port: number;
  readonly monitor: MonitorReadModel;
  /** The platform's quarantine (platformQuarantine from @ndf/runtime). */
  readonly quarantine: DynamoQuarantineStore;
  readonly stalled: StalledSource;
  readonly tokens: OperatorTokenIssuer;
  /** Told of every failure answered 500, with the path. */
  readonly onError?: (error: unknown, path: string) => void;
}

export interface OpsConsole {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  stop(): Promise<void>;
}

// The page loads its own script and styles only; its data comes from the API with the token.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The ops console on 127.0.0.1: the page (open to anyone, it holds no data) and its JSON API under /api (operators only). */
export async function startOpsConsole(options: OpsConsoleOptions): Promise<OpsConsole> {
  const assets = await buildPageAssets();
  const authenticate = operatorAuthenticator(options.tokens);
  const routes: ApiRoute[] = [
    ...monitorRoutes(options.monitor),
    ...quarantineRoutes(options.quarantine),
    ...stalledRoutes(options.stalled),
  ];

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.onError?.(error, request.url ?? '');
      if (!response.headersSent)
        sendProblem(response, new HttpProblem(500, 'The console failed to answer; see its log.'), request.url ?? '');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    if (!url.pathname.startsWith('/api/')) return servePage(assets.get(url.pathname), method, response, url.pathname);
    try {
      const operator = await authenticate(bearerOf(request));
      const matched = matchRoute(routes, method, url.pathname);
      if (matched === undefined) throw new HttpProblem(404, `No console API at ${url.pathname}.`);
      if (matched === 'method') throw new HttpProblem(405, `${method} is not allowed on ${url.pathname}.`);
      const body = await matched.route.handle({ operator, url, params: matched.params, request });
      sendJson(response, 200, body);
    } catch (error) {
      if (error instanceof HttpProblem) return sendProblem(response, error, url.pathname);
      if (error instanceof URIError) return sendProblem(response, new HttpProblem(400, 'The path is not validly encoded.'), url.pathname);
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The request's token: its Authorization header, else the Cognito access token an Application
 * Load Balancer's Cognito authentication adds to each request it lets through (the cloud's entry).
 * Either is verified against the issuer's JWKS all the same.
 */
function bearerOf(request: IncomingMessage): string | undefined {
  const forwarded = request.headers['x-amzn-oidc-accesstoken'];
  return request.headers.authorization ?? (typeof forwarded === 'string' && forwarded !== '' ? `Bearer ${forwarded}` : undefined);
}

function servePage(asset: PageAsset | undefined, method: string, response: ServerResponse, path: string): void {
  if (!asset) return sendProblem(response, new HttpProblem(404, `Nothing at ${path}.`), path);
  if (method !== 'GET' && method !== 'HEAD')
    return sendProblem(response, new HttpProblem(405, `${method} is not allowed on ${path}.`), path);
  response.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length, ...PAGE_HEADERS });
  response.end(method === 'HEAD' ? undefined : asset.body);
}
