import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Catalog } from '@ndf/catalog';
import type { LocalStack, LocalStackEndpoints, StackConfig } from '../index.js';

/** What a test file needs to reach the shared stack: plain data, sent from the broker to the workers. */
export interface SharedStackDescription {
  readonly config: StackConfig;
  readonly endpoints: LocalStackEndpoints;
  readonly audience: string;
}

export interface StackBroker {
  readonly url: string;
  /** Whether a test file asked for the stack, so that it was started. */
  readonly started: boolean;
  stop(): Promise<void>;
}

// Every file of the run provisions its own tables and queues on this one DynamoDB Local.
const SHARED_DYNAMODB_HEAP_MB = 768;
const LOOPBACK = '127.0.0.1';
const emptyCatalog: Catalog = { tables: [], buckets: [], apis: [], services: [], routers: [] };

/** A file asks for the stack with the prefix it will provision under, so that two files never share one. */
export interface StackRequest {
  readonly prefix: string;
  readonly testFile: string;
}

async function readRequest(request: IncomingMessage): Promise<StackRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as StackRequest;
}

/** What the broker needs of the stack it serves. */
export type BrokeredStack = Pick<LocalStack, 'config' | 'endpoints' | 'stop'> & { readonly issuer: Pick<LocalStack['issuer'], 'audience'> };

// Every project of a run loads the global setup, and so this file: the local stack's modules
// (the SDK, the emulators) are imported only when a file first asks for the stack.
async function startSharedStack(): Promise<LocalStack> {
  const { ephemeralConfig, startLocalStack } = await import('../index.js');
  const config = { ...(await ephemeralConfig('shared-')), dynamoDbHeapMb: SHARED_DYNAMODB_HEAP_MB };
  return startLocalStack(config, { catalog: emptyCatalog });
}

/**
 * Serves, on loopback, the one local stack that the test files of a run share, started on the
 * first request only: a run of pure-logic files never boots an emulator. The stack itself
 * provisions nothing; each file provisions its catalog under a prefix of its own.
 */
export async function startStackBroker(startStack: () => Promise<BrokeredStack> = startSharedStack): Promise<StackBroker> {
  let stack: Promise<BrokeredStack> | undefined;
  // A file run again (watch mode) takes its own prefix back; another file is refused it.
  const owners = new Map<string, string>();
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const { prefix, testFile } = await readRequest(request);
    const owner = owners.get(prefix) ?? testFile;
    if (owner !== testFile) {
      response.writeHead(409, { 'content-type': 'text/plain' }).end(`The prefix "${prefix}" is already used by ${owner}.`);
      return;
    }
    owners.set(prefix, testFile);
    stack ??= startStack();
    const running = await stack;
    const description: SharedStackDescription = { config: running.config, endpoints: running.endpoints, audience: running.issuer.audience };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(description));
  };
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/stack') {
      response.writeHead(404).end();
      return;
    }
    answer(request, response).catch((error: Error) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(error.stack ?? error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The stack broker has no port.');
  return {
    url: `http://${LOOPBACK}:${address.port}`,
    get started() {
      return stack !== undefined;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await (await stack?.catch(() => undefined))?.stop();
    },
  };
}
