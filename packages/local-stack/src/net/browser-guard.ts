import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/**
 * Keeps web pages away from a local server: a page the developer visits can send requests to
 * 127.0.0.1, directly (its Origin says where it comes from) or through a name of its own that
 * it points at 127.0.0.1 (its Host says that name). The platform's clients (the SDK, curl, the
 * services) send no Origin; a browser sends one on every cross-origin POST, PUT or DELETE and
 * on every fetch. Only the origins listed are served, with the CORS headers they need.
 */
export type BrowserVerdict =
  | { readonly ok: true; readonly corsHeaders: OutgoingHttpHeaders; readonly preflight: boolean }
  | { readonly ok: false; readonly reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const CORS_METHODS = 'GET, HEAD, PUT, POST, DELETE';

export function checkBrowserRequest(req: IncomingMessage, allowedOrigins: readonly string[]): BrowserVerdict {
  const port = req.socket.localPort;
  const host = (req.headers.host ?? '').toLowerCase();
  if (!LOOPBACK_NAMES.some((name) => host === `${name}:${port}` || host === name)) {
    return { ok: false, reason: `Requests must name this server by a loopback address (Host ${JSON.stringify(host)} is not one).` };
  }
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS';
  if (origin === undefined) {
    return preflight ? { ok: false, reason: 'A CORS preflight must carry an Origin.' } : { ok: true, corsHeaders: {}, preflight };
  }
  if (!allowedOrigins.includes(origin)) {
    return { ok: false, reason: `Requests from the web origin ${JSON.stringify(origin)} are not allowed.` };
  }
  const corsHeaders: OutgoingHttpHeaders = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (preflight) {
    corsHeaders['access-control-allow-methods'] = CORS_METHODS;
    const requested = req.headers['access-control-request-headers'];
    if (requested) corsHeaders['access-control-allow-headers'] = requested;
    corsHeaders['access-control-max-age'] = '600';
  } else {
    corsHeaders['access-control-expose-headers'] = 'ETag, x-amz-version-id, Location';
  }
  return { ok: true, corsHeaders, preflight };
}
