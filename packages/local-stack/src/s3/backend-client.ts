import { Agent, request, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Headers that belong to one hop, or that the emulator must not see (it cannot check our signatures). */
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'authorization',
]);

const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'x-amz-request-id', 'x-amz-id-2']);

/** Query parameters of presigned URLs; the edge is the one place that deals with authentication. */
const PRESIGN_PARAMETERS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
]);

export interface BufferedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The query string without presigning parameters (raw encoding kept), and its parameter names in lower case. */
export function cleanQuery(rawQuery: string): { query: string; names: string[] } {
  const kept = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .filter((part) => !PRESIGN_PARAMETERS.has(decodeName(part.split('=')[0] ?? '').toLowerCase()));
  return {
    query: kept.length > 0 ? `?${kept.join('&')}` : '',
    names: kept.map((part) => decodeName(part.split('=')[0] ?? '').toLowerCase()),
  };
}

export function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)));
}

export function objectPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Streams a request body through `stages` into a request to the emulator, and resolves to the
 * number of bytes sent. The emulator answers as soon as it has the `content-length` bytes it
 * was told of, and with a connection per request it then closes the socket, while the source
 * (a file read stream) may still be making the read that tells it is at its end: the request
 * then closes before the pipeline has ended it. A close after an answer, once every declared
 * byte went out, is a complete exchange, not a failure.
 */
export async function streamBody(stages: readonly Readable[], outgoing: ClientRequest): Promise<number> {
  let sentBytes = 0;
  const counter = new PassThrough();
  counter.on('data', (chunk: Buffer) => (sentBytes += chunk.length));
  let answered = false;
  outgoing.once('response', () => (answered = true));
  try {
    await pipeline([...stages, counter, outgoing]);
  } catch (error) {
    const declared = Number(outgoing.getHeader('content-length') ?? Number.NaN);
    const complete = answered && sentBytes === declared;
    if (!(complete && (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE')) throw error;
  }
  return sentBytes;
}

export interface BackendTimeouts {
  /** Until the connection to the emulator is open. */
  readonly connectMs: number;
  /** Without a byte either way once connected: an emulator that stopped answering. */
  readonly idleMs: number;
}

export const DEFAULT_BACKEND_TIMEOUTS: BackendTimeouts = { connectMs: 2_000, idleMs: 30_000 };

/** The emulator could not be reached or stopped answering: the request was aborted. */
export class BackendUnavailableError extends Error {}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Whether a failure means the emulator is away (an answer of 503 to the client), not a fault of the edge. */
export function isBackendUnavailable(error: unknown): boolean {
  return error instanceof BackendUnavailableError || UNREACHABLE_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** HTTP access to the S3 emulator behind the edge, each request aborted when the emulator is too slow. */
export class BackendClient {
  private readonly url: URL;
  // A connection per request: on loopback it costs little, and a reused connection that the
  // emulator closes at the same moment would fail a streamed upload that cannot be replayed.
  private readonly agent = new Agent({ keepAlive: false });

  constructor(
    endpoint: string,
    private readonly timeouts: BackendTimeouts = DEFAULT_BACKEND_TIMEOUTS,
  ) {
    this.url = new URL(endpoint);
  }

  /** Forwarded request headers: the client's, minus hop-by-hop ones and credentials. */
  forwardedHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
    const result: OutgoingHttpHeaders = { host: this.url.host };
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) result[name] = value;
    }
    return result;
  }

  request(method: string, path: string, headers: OutgoingHttpHeaders): ClientRequest {
    const { connectMs, idleMs } = this.timeouts;
    const outgoing = request({
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      port: this.url.port,
      method,
      path,
      headers,
      agent: this.agent,
      timeout: idleMs,
    });
    outgoing.on('timeout', () =>
      outgoing.destroy(new BackendUnavailableError(`The S3 emulator sent nothing for ${idleMs} ms; the request was aborted.`)),
    );
    outgoing.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => outgoing.destroy(new BackendUnavailableError(`No connection to the S3 emulator within ${connectMs} ms.`)),
        connectMs,
      );
      socket.once('connect', () => clearTimeout(timer));
      outgoing.once('close', () => clearTimeout(timer));
    });
    return outgoing;
  }

  /** Sends a request and reads the whole (small) answer. */
  async send(method: string, path: string, headers: OutgoingHttpHeaders, body?: Readable): Promise<BufferedResponse> {
    const outgoing = this.request(method, path, { host: this.url.host, ...headers });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      outgoing.once('response', resolve);
      outgoing.once('error', reject);
    });
    // The emulator may answer an error before reading the whole body; the answer is what counts.
    const sent = body
      ? streamBody([body], outgoing).then(
          () => undefined,
          (error: unknown) => error,
        )
      : (outgoing.end(), Promise.resolve(undefined));
    const response = await answered;
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const status = response.statusCode ?? 502;
    const sendError = await sent;
    if (sendError && status < 300) throw sendError;
    return { status, headers: response.headers, body: Buffer.concat(chunks) };
  }

  close(): void {
    this.agent.destroy();
  }
}
