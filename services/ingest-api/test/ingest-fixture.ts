import { apiRoutes, catalog, type Catalog } from '@ndf/catalog';
import { startApiGatewayLocal, type ApiGatewayLocal } from '@ndf/api-gateway-local';
import type { openApiDocument } from '@ndf/contracts';
import { stackTokenChecks } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { createIngestApi, type IngestHandler } from '../src/app.js';
import { ingestClients, type IngestClients } from '../src/aws-clients.js';
import { ingestApiEntry, ingestConfig, type IngestConfig } from '../src/config.js';
import { NoteStore } from '../src/data/note-store.js';
import { ReceiptFiles } from '../src/uploads/receipt-files.js';
import { Contract } from '../src/validation/contract.js';
import { expectContract, type Answer } from './contract-check.js';

/** The platform's tables and buckets with no worker service at all: the ingest path needs none. */
export const ingestOnlyCatalog: Catalog = { ...catalog, services: [] };

export interface IngestUnderTest {
  readonly stack: SharedStack;
  readonly gateway: ApiGatewayLocal;
  readonly clients: IngestClients;
  readonly config: IngestConfig;
  readonly api: IngestHandler;
  /** The handler's metrics lines (EMF), kept here instead of printed. */
  readonly metricLines: string[];
  /** An ID token from the stack's issuer. */
  token(claims?: { tenant?: string; user?: string; roles?: string[]; expiresInSeconds?: number }): Promise<string>;
  /** A request through the gateway, its answer checked against the OpenAPI document. */
  call(method: string, template: keyof typeof openApiDocument.paths, path: string, options?: CallOptions): Promise<Answer>;
  stop(): Promise<void>;
}

export interface CallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  /** Sent as is, instead of JSON. */
  readonly rawBody?: string | Buffer;
  readonly headers?: Record<string, string>;
}

/** The run's shared stack, provisioned under `prefix`, the ingest handler built against it, and the gateway stand-in in front. */
export async function startIngest(
  prefix: string,
  options: { dynamodbEndpoint?: (stack: SharedStack) => Promise<string>; config?: Partial<IngestConfig> } = {},
): Promise<IngestUnderTest> {
  const stack = await useSharedStack(prefix, ingestOnlyCatalog);
  const env = {
    ...stack.environment(),
    ...(options.dynamodbEndpoint ? { AWS_ENDPOINT_URL_DYNAMODB: await options.dynamodbEndpoint(stack) } : {}),
  };
  const clients = ingestClients(env);
  const config = { ...ingestConfig(env), ...options.config };
  const metricLines: string[] = [];
  const api = createIngestApi({
    store: new NoteStore(clients.dynamodb, config.tableName),
    files: new ReceiptFiles(clients.s3, config.bucketName),
    contract: new Contract(),
    config,
    clock: () => new Date(),
    log: () => undefined,
    metrics: (line) => void metricLines.push(line),
  });
  const gateway = await startApiGatewayLocal({
    port: 0,
    handler: api,
    routes: apiRoutes(ingestApiEntry()),
    authorizer: stackTokenChecks(stack),
  });

  const call = async (
    method: string,
    template: keyof typeof openApiDocument.paths,
    path: string,
    call: CallOptions = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) };
    let body: string | Buffer | undefined;
    if (call.rawBody !== undefined) body = call.rawBody;
    else if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${gateway.endpoint}${path}`, { method, headers: { ...headers, ...call.headers }, body });
    const text = await response.text();
    const answer = { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    expectContract(answer, method, template);
    return answer;
  };

  return {
    stack,
    gateway,
    clients,
    config,
    api,
    metricLines,
    token: (claims = {}) =>
      stack.issuer.mint({
        tenant: claims.tenant ?? 'acme',
        user: claims.user ?? 'alice',
        roles: claims.roles ?? ['employee'],
        ...(claims.expiresInSeconds ? { expiresInSeconds: claims.expiresInSeconds } : {}),
      }),
    call,
    async stop() {
      await gateway.stop();
      clients.destroy();
      await stack.stop();
    },
  };
}

/** A valid note body; `overrides` replace fields. */
export function noteBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: '2024-03-12',
    amount: { value: '42.50', currency: 'EUR' },
    merchant: 'Café de la Gare',
    category: 'meals',
    paymentMethod: 'personal_card',
    ...overrides,
  };
}
