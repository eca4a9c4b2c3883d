import { catalog as platformCatalog, type Catalog } from '@ndf/catalog';
import {
  localAwsClients,
  provision,
  stackEnvironment,
  type AwsClients,
  type LocalStackEndpoints,
  type ProvisionResult,
  type MintClaims,
  type StackConfig,
} from '../index.js';
import { expect, inject } from 'vitest';
import type { SharedStackDescription, StackRequest } from './stack-broker.js';
// The broker's address, provided by the global setup.
import type {} from './global-setup.js';

/** The run's shared local stack, seen from one test file: its own prefix, clients and provisioned catalog. */
export interface SharedStack {
  readonly config: StackConfig;
  readonly endpoints: LocalStackEndpoints;
  readonly clients: AwsClients;
  readonly provisioned: ProvisionResult;
  readonly issuer: { readonly audience: string; mint(claims: MintClaims): Promise<string> };
  /** What a service needs in its environment to reach the stack under this file's prefix. */
  environment(): Record<string, string>;
  /** Closes this file's clients; the emulators stay up for the other files and stop with the run. */
  stop(): Promise<void>;
}

async function describeSharedStack(request: StackRequest): Promise<SharedStackDescription> {
  const response = await fetch(`${inject('ndfStackBroker')}/stack`, { method: 'POST', body: JSON.stringify(request) });
  if (!response.ok) throw new Error(`No shared local stack for ${request.testFile}:\n${await response.text()}`);
  return (await response.json()) as SharedStackDescription;
}

async function mintThroughIssuer(issuer: string, claims: MintClaims): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  if (!response.ok) throw new Error(`The token issuer refused ${JSON.stringify(claims)}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * The run's one local stack (started by the first file that asks), with `fromCatalog`
 * provisioned under `prefix`. The prefix keeps this file's tables, queues and buckets apart
 * from every other file's, so it must be unique in the run: every physical name starts with it.
 */
export async function useSharedStack(prefix: string, fromCatalog: Catalog = platformCatalog): Promise<SharedStack> {
  const shared = await describeSharedStack({ prefix, testFile: expect.getState().testPath ?? 'a test file' });
  const config: StackConfig = { ...shared.config, prefix };
  const { endpoints } = shared;
  const clients = localAwsClients(endpoints, config.region, config.accessKeyId, config.secretAccessKey);
  const provisioned = await provision(fromCatalog, clients, prefix);
  return {
    config,
    endpoints,
    clients,
    provisioned,
    issuer: { audience: shared.audience, mint: (claims) => mintThroughIssuer(endpoints.issuer, claims) },
    environment: () => stackEnvironment(config, endpoints, shared.audience),
    stop: async () => clients.destroy(),
  };
}
