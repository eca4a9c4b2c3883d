import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { stdoutMetrics, type ApiResult } from '@ndf/http-api';
import { createIngestApi } from './app.js';
import { ingestClients } from './aws-clients.js';
import { ingestConfig } from './config.js';
import { NoteStore } from './data/note-store.js';
import { ReceiptFiles } from './uploads/receipt-files.js';
import { ingestContract } from './validation/contract.js';

// Built once per container, at import: the init phase pays for clients and compiled validators, not the first request.
const config = ingestConfig();
const clients = ingestClients();
const api = createIngestApi({
  store: new NoteStore(clients.dynamodb, config.tableName),
  files: new ReceiptFiles(clients.s3, config.bucketName),
  contract: ingestContract(),
  config,
  clock: () => new Date(),
  log: (entry) => console.error(JSON.stringify({ time: new Date().toISOString(), service: 'ingest-api', ...entry })),
  // One EMF line per request, for the alarms at 10-second periods; locally, one line per request too.
  metrics: stdoutMetrics,
});

/** The Lambda entry point behind API Gateway (HTTP API, payload format 2.0, JWT authorizer). */
export function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<ApiResult> {
  return api(event);
}
