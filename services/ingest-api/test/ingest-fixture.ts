import { catalog, type Catalog } from '@ndf/catalog';
import type { openApiDocument } from '@ndf/contracts';
import type { Answer } from '@ndf/http-api';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startApiUnderTest, type ApiUnderTest, type CallOptions } from '@ndf/testkit';
import type { IngestHandler } from '../src/app.js';
import type { IngestClients } from '../src/aws-clients.js';
import { ingestApiEntry, type IngestConfig } from '../src/config.js';
import { ingestApp } from '../src/ingest-app.js';
import { ingestContract } from '../src/validation/contract.js';

export type { CallOptions } from '@ndf/testkit';

/** The platform's tables and buckets with no worker service at all: the ingest path needs none. */
export const ingestOnlyCatalog: Catalog = { ...catalog, services: [] };

type Template = keyof typeof openApiDocument.paths;

export interface IngestUnderTest {
  readonly stack: SharedStack;
  readonly gateway: ApiUnderTest<Template>['gateway'];
  readonly clients: IngestClients;
  readonly config: IngestConfig;
  readonly api: IngestHandler;
  /** The handler's metrics lines (EMF), kept here instead of printed. */
  readonly metricLines: string[];
  /** An ID token from the stack's issuer. */
  token: ApiUnderTest<Template>['token'];
  /** A request through the gateway, its answer checked against the OpenAPI document. */
  call(method: string, template: Template, path: string, options?: CallOptions): Promise<Answer>;
  stop(): Promise<void>;
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
  const metricLines: string[] = [];
  const app = ingestApp(
    env,
    { clock: () => new Date(), log: () => undefined, metrics: (line) => void metricLines.push(line) },
    options.config,
  );
  const { clients, config, handle: api } = app;
  const served = await startApiUnderTest<Template>({ stack, entry: ingestApiEntry(), handler: api, contract: ingestContract() });
  return {
    stack,
    gateway: served.gateway,
    clients,
    config,
    api,
    metricLines,
    token: served.token,
    call: served.call,
    async stop() {
      await served.stop();
      app.destroy();
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
