import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '../net/listen.js';
import { LOOPBACK } from '../net/ports.js';
import type { CaughtMail, StoredMail } from './caught-mail.js';
import { PAGE_CONTENT_SECURITY_POLICY, escapeHtml, renderInboxPage, renderMessagePage } from './mail-page.js';

export interface MailStore {
  /** Newest first. */
  list(): CaughtMail[];
  get(id: string): StoredMail | undefined;
  clear(): void;
}

export interface MailHttp {
  readonly url: string;
  stop(): Promise<void>;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendProblem(response: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}): void {
  const body = { type: 'about:blank', title: STATUS_TITLES[status] ?? 'Error', status, detail };
  send(response, status, 'application/problem+json', JSON.stringify(body), headers);
}

function sendPage(response: ServerResponse, status: number, html: string): void {
  send(response, status, 'text/html; charset=utf-8', html, { 'content-security-policy': PAGE_CONTENT_SECURITY_POLICY });
}

function notFoundPage(what: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Not found</title><p>${escapeHtml(what)} was not found. <a href="/">All messages</a></p>`;
}

/** A value fit for a Content-Type header, whatever the sender declared. */
function safeContentType(declared: string): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(declared) ? declared : 'application/octet-stream';
}

function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function handleApi(store: MailStore, method: string, path: readonly string[], response: ServerResponse): void {
  const [collection, id, part, index, ...rest] = path;
  if (collection !== 'messages' || rest.length > 0) return sendProblem(response, 404, `No API resource at /api/${path.join('/')}.`);

  if (id === undefined) {
    if (method === 'GET') return sendJson(response, 200, store.list());
    if (method === 'DELETE') {
      store.clear();
      response.writeHead(204, { 'cache-control': 'no-store' }).end();
      return;
    }
    return sendProblem(response, 405, `${method} is not supported on /api/messages.`, { allow: 'GET, DELETE' });
  }
  if (method !== 'GET') return sendProblem(response, 405, `${method} is not supported here.`, { allow: 'GET' });

  const stored = store.get(id);
  if (!stored) return sendProblem(response, 404, `No message with id ${id}.`);
  if (part === undefined) return sendJson(response, 200, stored.mail);
  if (part === 'raw' && index === undefined) {
    return send(response, 200, 'message/rfc822', stored.raw, {
      'content-disposition': contentDisposition('inline', `${id}.eml`),
      'content-security-policy': 'sandbox',
    });
  }
  if (part === 'attachments' && index !== undefined && /^\d+$/.test(index)) {
    const attachment = stored.mail.attachments[Number(index)];
    const content = stored.attachmentContents[Number(index)];
    if (attachment && content) {
      // Sandboxed and sent as a download, so that an HTML attachment cannot act as this origin.
      return send(response, 200, safeContentType(attachment.contentType), content, {
        'content-disposition': contentDisposition('attachment', attachment.filename ?? `attachment-${attachment.index + 1}`),
        'content-security-policy': 'sandbox',
      });
    }
    return sendProblem(response, 404, `Message ${id} has no attachment ${index}.`);
  }
  return sendProblem(response, 404, `No API resource at /api/${path.join('/')}.`);
}

function handle(store: MailStore, request: IncomingMessage, response: ServerResponse): void {
  const method = request.method ?? 'GET';
  const pathname = new URL(request.url ?? '/', `http://${LOOPBACK}`).pathname;
  let path: string[];
  try {
    path = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return pathname.startsWith('/api/')
      ? sendProblem(response, 400, 'The path is not valid percent-encoding.')
      : sendPage(response, 400, notFoundPage('This page'));
  }

  if (path[0] === 'api') return handleApi(store, method, path.slice(1), response);
  if (method !== 'GET') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { allow: 'GET' });
  if (path.length === 0) return sendPage(response, 200, renderInboxPage(store.list()));
  if (path.length === 2 && path[0] === 'messages') {
    const stored = store.get(path[1]!);
    return stored ? sendPage(response, 200, renderMessagePage(stored.mail)) : sendPage(response, 404, notFoundPage('This message'));
  }
  return sendPage(response, 404, notFoundPage('This page'));
}

/** The mail catcher's JSON API and its pages, on loopback. */
export async function startMailHttp(options: { port: number; store: MailStore }): Promise<MailHttp> {
  const server = createServer((request, response) => {
    try {
      handle(options.store, request, response);
    } catch (error) {
      if (!response.headersSent) sendProblem(response, 500, error instanceof Error ? error.message : String(error));
      else response.destroy();
    }
  });
  const port = await listenOnLoopback(server, options.port, 'the mail catcher (web)');
  return {
    url: `http://${LOOPBACK}:${port}`,
    stop: () => closeServer(server),
  };
}
