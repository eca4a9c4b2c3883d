import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * `throttle` and `access-denied` answer 400 with the service's own error (a throttle, or the
 * AccessDenied a bad deploy of a role's policy causes); `http-500` a server fault; `hang`
 * never answers; `refuse` resets the connection. `lose-answer` forwards the request, lets the
 * emulator act on it, then answers 500 instead of its answer: a write that happened although
 * the client saw it fail (and retries it).
 */
export type FaultMode = 'pass' | 'http-500' | 'throttle' | 'access-denied' | 'hang' | 'refuse' | 'lose-answer';

export interface Fault {
  readonly mode: FaultMode;
  /** The share of requests the fault hits (0 to 1); the others pass. Defaults to 1. */
  readonly probability?: number;
  /** How many requests the fault hits at most; the proxy passes every request after them. Unlimited by default. */
  readonly times?: number;
  /** How many requests pass before the fault begins. None by default. */
  readonly skip?: number;
}

/** Which service's errors a refusal imitates: DynamoDB's JSON or SQS's JSON protocol. */
export type FaultProtocol = 'dynamodb' | 'sqs';

export interface FaultProxyOptions {
  /** The emulator's endpoint, e.g. http://127.0.0.1:8000. */
  readonly target: string;
  /** Defaults to a free port. */
  readonly port?: number;
  readonly protocol?: FaultProtocol;
}

export interface FaultProxy {
  readonly endpoint: string;
  setFault(fault: Fault): void;
  stop(): Promise<void>;
}

interface Refusal {
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_CONTENT = { 'content-type': 'application/x-amz-json-1.0' };

const REFUSALS: Record<FaultProtocol, Record<'throttle' | 'access-denied', Refusal>> = {
  dynamodb: {
    throttle: {
      headers: JSON_CONTENT,
      body: JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
        message: 'Rate of requests exceeds the allowed throughput.',
      }),
    },
    'access-denied': {
      headers: JSON_CONTENT,
      body: JSON.stringify({
        __type: 'com.amazon.coral.service#AccessDeniedException',
        Message: 'User: arn:aws:sts::000000000000:assumed-role/service/task is not authorized to perform: dynamodb:PutItem',
      }),
    },
  },
  sqs: {
    throttle: {
      headers: { ...JSON_CONTENT, 'x-amzn-query-error': 'RequestThrottled;Sender' },
      body: JSON.stringify({ __type: 'com.amazonaws.sqs#RequestThrottled', message: 'Rate exceeded' }),
    },
    'access-denied': {
      headers: { ...JSON_CONTENT, 'x-amzn-query-error': 'AccessDenied;Sender' },
      body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'Access to the resource is denied.' }),
    },
  },
};

function answer(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/** An HTTP proxy on loopback in front of an emulator, whose faults can be switched while it runs. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const refusals = REFUSALS[options.protocol ?? 'dynamodb'];
  const sockets = new Set<Socket>();
  let fault: Fault = { mode: 'pass' };

  let hits = 0;
  let seen = 0;
  const internalError = (response: ServerResponse) =>
    answer(
      response,
      500,
      { 'content-type': 'application/x-amz-json-1.0' },
      JSON.stringify({ __type: 'InternalServerError', message: 'injected fault' }),
    );

  const forward = (incoming: IncomingMessage, response: ServerResponse, loseAnswer = false) => {
    const upstream = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (reply) => {
        if (loseAnswer) {
          reply.resume();
          reply.on('end', () => internalError(response));
          return;
        }
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      },
    );
    upstream.on('error', () => incoming.socket.destroy());
    incoming.pipe(upstream);
  };

  const server = createServer((incoming, response) => {
    const { mode, probability = 1, times = Number.POSITIVE_INFINITY, skip = 0 } = fault;
    seen += 1;
    const active = mode !== 'pass' && seen > skip && hits < times && Math.random() < probability;
    if (!active) return forward(incoming, response);
    hits += 1;
    if (mode === 'lose-answer') return forward(incoming, response, true);
    if (mode === 'hang') return;
    if (mode === 'refuse') return void incoming.socket.destroy();
    // Read the request out first, so the client sees an answer and not a reset.
    incoming.resume();
    incoming.on('end', () => {
      if (mode === 'http-500') internalError(response);
      else answer(response, 400, refusals[mode].headers, refusals[mode].body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fault proxy has no TCP address');

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    setFault: (next) => {
      fault = next;
      hits = 0;
      seen = 0;
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
