import type { Environment } from '@ndf/core';
import { type ApiApp, type ApiRuntime } from '@ndf/http-api';
import { createIngestApi } from './app.js';
import { ingestClients, type IngestClients } from './aws-clients.js';
import { ingestConfig, type IngestConfig } from './config.js';
import { NoteStore } from './data/note-store.js';
import { ReceiptFiles } from './uploads/receipt-files.js';
import { ingestContract } from './validation/contract.js';

export interface IngestApp extends ApiApp {
  readonly config: IngestConfig;
  readonly clients: IngestClients;
}

/**
 * The ingest API built from an environment's endpoints and NDF_PREFIX (the Lambda's, or a test
 * stack's) and a runtime; `config` overrides what the catalog and the prefix give (a test's deadline).
 */
export function ingestApp(env: Environment, runtime: ApiRuntime, config: Partial<IngestConfig> = {}): IngestApp {
  const clients = ingestClients(env);
  const resolved = { ...ingestConfig(env), ...config };
  return {
    handle: createIngestApi({
      store: new NoteStore(clients.dynamodb, resolved.tableName),
      files: new ReceiptFiles(clients.s3, resolved.bucketName),
      contract: ingestContract(),
      config: resolved,
      ...runtime,
    }),
    config: resolved,
    clients,
    destroy: () => clients.destroy(),
  };
}
