import { isTransientFailure } from '@ndf/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { API_NAME } from './config.js';
import { callerScope } from './http/caller.js';
import { CORRELATION_HEADER, correlationIdOf } from './http/correlation.js';
import { unavailable, withinDeadline } from './http/deadline.js';
import { ProblemError } from './http/problem.js';
import { requestMetricsLine } from './http/request-metrics.js';
import { problem, type ApiResult } from './http/responses.js';
import { correctNote, deleteNote } from './routes/change-note.js';
import { createNote } from './routes/create-note.js';
import { createNotes } from './routes/create-notes.js';
import { getNote } from './routes/get-note.js';
import { listNotes } from './routes/list-notes.js';
import { getOpenApi, healthRoute } from './routes/public.js';
import { requestReceiptUpload } from './routes/request-receipt-upload.js';
import type { AuthorizedRoute, IngestDependencies, PublicRoute, RouteContext } from './routes/route.js';
import { buildValidators } from './validation/validators.js';

type Operation = { readonly authorized: true; readonly run: AuthorizedRoute } | { readonly authorized: false; readonly run: PublicRoute };

interface Resource {
  /** Relative to the API's base path. */
  readonly pattern: RegExp;
  /** The pattern as the contract writes it, the route's name in the metrics. */
  readonly template: string;
  readonly methods: Readonly<Record<string, Operation>>;
}

const authorized = (run: AuthorizedRoute): Operation => ({ authorized: true, run });
const open = (run: PublicRoute): Operation => ({ authorized: false, run });
const NOTE_ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

const resourcesOf = (deps: IngestDependencies): readonly Resource[] => [
  { pattern: /^\/receipts$/, template: '/receipts', methods: { POST: authorized(requestReceiptUpload) } },
  { pattern: /^\/notes$/, template: '/notes', methods: { POST: authorized(createNote), GET: authorized(listNotes) } },
  { pattern: /^\/notes\/batch$/, template: '/notes/batch', methods: { POST: authorized(createNotes) } },
  {
    pattern: new RegExp(`^/notes/${NOTE_ID}$`),
    template: '/notes/{id}',
    methods: { GET: authorized(getNote), PATCH: authorized(correctNote), DELETE: authorized(deleteNote) },
  },
  { pattern: /^\/openapi\.json$/, template: '/openapi.json', methods: { GET: open(getOpenApi) } },
  { pattern: /^\/health$/, template: '/health', methods: { GET: open(healthRoute(deps, deps.config.healthCacheMs)) } },
];

/** What one request's metrics line says beyond its timing, filled in as the request goes. */
interface Outcome {
  /** 500 until an answer is known: what API Gateway answers when the handler throws. */
  status: number;
  correlationId?: string;
  route?: string;
}

export type IngestHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<ApiResult>;

/**
 * The ingest API over payload 2.0 events: routing, the caller's scope from the JWT claims,
 * and one deadline for the whole request, past which it answers 503 with Retry-After.
 * Every request, answered or thrown, writes one metrics line (`deps.metrics`).
 */
export function createIngestApi(deps: IngestDependencies): IngestHandler {
  const validators = buildValidators(deps.contract);
  const resources = resourcesOf(deps);
  const base = deps.config.basePath;

  async function route(
    event: APIGatewayProxyEventV2WithJWTAuthorizer,
    correlationId: string,
    signal: AbortSignal,
    outcome: Outcome,
  ): Promise<ApiResult> {
    const path = event.rawPath.startsWith(`${base}/`) ? event.rawPath.slice(base.length) : undefined;
    const resource = path === undefined ? undefined : resources.find((candidate) => candidate.pattern.test(path));
    if (!resource || path === undefined)
      throw new ProblemError(404, 'route_not_found', `Nothing at ${event.rawPath}; see ${base}/openapi.json.`);
    const method = event.requestContext.http.method.toUpperCase();
    const operation = resource.methods[method];
    if (!operation) {
      throw new ProblemError(405, 'method_not_allowed', `${method} is not allowed on ${event.rawPath}.`, undefined, {
        allow: Object.keys(resource.methods).join(', '),
      });
    }
    outcome.route = `${method} ${base}${resource.template}`;
    const match = resource.pattern.exec(path)!;
    const now = deps.clock();
    const context: RouteContext = {
      event,
      deps,
      validators,
      pathParameters: match[1] ? { id: match[1] } : {},
      signal,
      now,
      change: { now, correlationId },
    };
    return operation.authorized ? operation.run({ ...context, scope: callerScope(event) }) : operation.run(context);
  }

  return async (event) => {
    const startedAt = deps.clock().getTime();
    const outcome: Outcome = { status: 500 };
    try {
      const correlationId = correlationIdOf(event);
      outcome.correlationId = correlationId;
      const answer = await answerWithin(event, correlationId, outcome);
      answer.headers[CORRELATION_HEADER] = correlationId;
      outcome.status = answer.statusCode;
      return answer;
    } finally {
      measure(startedAt, outcome);
    }
  };

  function measure(startedAt: number, outcome: Outcome): void {
    try {
      const answeredAt = deps.clock().getTime();
      deps.metrics(requestMetricsLine({ api: API_NAME, ...outcome, latencyMs: answeredAt - startedAt, timestamp: answeredAt }));
    } catch {
      // A lost metrics line must never change the answer, nor the error thrown.
    }
  }

  async function answerWithin(event: APIGatewayProxyEventV2WithJWTAuthorizer, correlationId: string, outcome: Outcome): Promise<ApiResult> {
    const requestId = event.requestContext.requestId;
    try {
      return await withinDeadline(deps.config.deadlineMs, (signal) => route(event, correlationId, signal, outcome));
    } catch (error) {
      let answer: ProblemError;
      if (error instanceof ProblemError) answer = error;
      else if (isTransientFailure(error))
        answer = unavailable(
          'dependency_unavailable',
          'A dependency (DynamoDB or S3) failed for a moment; try again shortly with the same request.',
        );
      else answer = new ProblemError(500, 'internal_error', 'The request failed on our side; it may be retried with the same request.');
      if (answer.status >= 500) {
        deps.log({
          level: 'error',
          requestId,
          correlationId,
          method: event.requestContext.http.method,
          path: event.rawPath,
          code: answer.code,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
      return problem(answer, event.rawPath, requestId);
    }
  }
}
