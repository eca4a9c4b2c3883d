import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './metrics-registry.js';

export interface Health {
  readonly ok: boolean;
  readonly detail?: unknown;
}

export interface MetricsServerOptions {
  readonly registry: MetricsRegistry;
  /** 0 for any free port. */
  readonly port: number;
  readonly service: string;
  readonly health?: () => Health;
}

export interface MetricsServer {
  /** Such as http://127.0.0.1:9464 */
  readonly url: string;
  stop(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * Serves the registry on the loopback interface only: `GET /metrics` (a snapshot),
 * `GET /metrics/series?since=<epoch seconds>` (per second, the last minute by default) and
 * `GET /health` (200 when healthy, 503 otherwise).
 */
export async function serveMetrics({
  registry,
  port,
  service,
  health = () => ({ ok: true }),
}: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET') return send(response, 405, { error: 'method not allowed' });
    switch (url.pathname) {
      case '/metrics':
        return send(response, 200, { service, ...registry.snapshot() });
      case '/metrics/series': {
        const since = Number(url.searchParams.get('since') ?? Math.floor(Date.now() / 1000) - 60);
        if (!Number.isFinite(since)) return send(response, 400, { error: 'since must be epoch seconds' });
        return send(response, 200, { service, seconds: registry.seconds(since) });
      }
      case '/health': {
        let state: Health;
        try {
          state = health();
        } catch (error) {
          state = { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
        }
        return send(response, state.ok ? 200 : 503, { service, ...state });
      }
      default:
        return send(response, 404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
