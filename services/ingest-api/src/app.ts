import { openApiDocument } from '@ndf/contracts';
import { authorized, createHttpApi, open, type HttpHandler, type Resource } from '@ndf/http-api';
import { API_NAME } from './config.js';
import { correctNote, deleteNote } from './routes/change-note.js';
import { createNote } from './routes/create-note.js';
import { createNotes } from './routes/create-notes.js';
import { getNote } from './routes/get-note.js';
import { listNotes } from './routes/list-notes.js';
import { getOpenApi, healthRoute } from './routes/public.js';
import { requestReceiptUpload } from './routes/request-receipt-upload.js';
import type { IngestDependencies, RouteContext } from './routes/route.js';
import { buildValidators } from './validation/validators.js';

const NOTE_ID = '(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

const resourcesOf = (deps: IngestDependencies): readonly Resource<RouteContext>[] => [
  { pattern: /^\/receipts$/, template: '/receipts', methods: { POST: authorized(requestReceiptUpload) } },
  { pattern: /^\/notes$/, template: '/notes', methods: { POST: authorized(createNote), GET: authorized(listNotes) } },
  { pattern: /^\/notes\/batch$/, template: '/notes/batch', methods: { POST: authorized(createNotes) } },
  {
    pattern: new RegExp(`^/notes/${NOTE_ID}$`),
    template: '/notes/{id}',
    methods: { GET: authorized(getNote), PATCH: authorized(correctNote), DELETE: authorized(deleteNote) },
  },
  { pattern: /^\/openapi\.json$/, template: '/openapi.json', methods: { GET: open(getOpenApi) } },
  { pattern: /^\/health$/, template: '/health', methods: { GET: open(healthRoute(deps)) } },
];

export type IngestHandler = HttpHandler;

/** The ingest API: its routes over the platform's HTTP API pieces (@ndf/http-api). */
export function createIngestApi(deps: IngestDependencies): IngestHandler {
  const validators = buildValidators(deps.contract);
  return createHttpApi<RouteContext>({
    name: API_NAME,
    basePath: deps.config.basePath,
    document: openApiDocument,
    deadlineMs: deps.config.deadlineMs,
    resources: resourcesOf(deps),
    context: (request) => ({ ...request, deps, validators, change: { now: request.now, correlationId: request.correlationId } }),
    dependencies: 'DynamoDB or S3',
    clock: deps.clock,
    log: deps.log,
    metrics: deps.metrics,
  });
}
