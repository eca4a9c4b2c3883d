import { isTransientFailure } from '@ndf/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { TenantScope } from '@ndf/contracts';
import { callerScope } from './caller.js';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
import { unavailable, withinDeadline } from './deadline.js';
import { ProblemError } from './problem.js';
import { requestMetricsLine, type MetricsSink } from './request-metrics.js';
import { problem, type ApiResult } from './responses.js';

/** What every route is given about its request, whatever the API. */
export interface RequestContext {
  readonly event: APIGatewayProxyEventV2WithJWTAuthorizer;
  /** The resource pattern's named groups (`(?<id>…)`). */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** Aborts at the request's deadline. */
  readonly signal: AbortSignal;
  /** The clock's time when the route was found. */
  readonly now: Date;
  readonly correlationId: string;
}

export type Scoped<C> = C & { readonly scope: TenantScope };

export type Operation<C> =
  | { readonly authorized: true; readonly run: (context: Scoped<C>) => Promise<ApiResult> }
  | { readonly authorized: false; readonly run: (context: C) => Promise<ApiResult> };

/** A route that needs the caller's scope, from the JWT claims: 403 before it runs without one. */
export const authorized = <C>(run: (context: Scoped<C>) => Promise<ApiResult>): Operation<C> => ({ authorized: true, run });
/** A route anyone may call (the gateway lets it through without a token). */
export const open = <C>(run: (context: C) => Promise<ApiResult>): Operation<C> => ({ authorized: false, run });

export interface Resource<C> {
  /** Relative to the API's base path; named groups become path parameters. */
  readonly pattern: RegExp;
  /** The pattern as the contract writes it, the route's name in the metrics. */
  readonly template: string;
  readonly methods: Readonly<Record<string, Operation<C>>>;
}

/** The part of an OpenAPI document the router reads: which operations take a request body. */
export interface RoutedDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface HttpApiOptions<C> {
  /** The `Api` dimension of the metrics. */
  readonly name: string;
  readonly basePath: string;
  /** The API's OpenAPI document: a body sent to an operation it gives no `requestBody` is refused. */
  readonly document: RoutedDocument;
  /** Past this the API answers 503 with Retry-After. */
  readonly deadlineMs: number;
  readonly resources: readonly Resource<C>[];
  /** The API's own context for a request (its dependencies, its validators...). */
  readonly context: (request: RequestContext) => C;
  /** What a transient failure of a dependency is called in the 503's detail ("DynamoDB or S3"). */
  readonly dependencies: string;
  readonly clock: () => Date;
  /** One JSON object per line; failures only, the gateway logs every request. */
  readonly log: (entry: Record<string, unknown>) => void;
  /** One EMF line for every request answered (see request-metrics.ts): stdout in Lambda. */
  readonly metrics: MetricsSink;
}

export type HttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<ApiResult>;

/** What one request's metrics line says beyond its timing, filled in as the request goes. */
interface Outcome {
  /** 500 until an answer is known: what API Gateway answers when the handler throws. */
  status: number;
  correlationId?: string;
  route?: string;
}

/**
 * A body where the contract expects none (a submit, a GET) is refused rather than ignored: a
 * client that sends one (a reason to a withdraw, a malformed JSON) believes it said something.
 */
function refuseUnexpectedBody(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  document: RoutedDocument,
  path: string,
  method: string,
): void {
  const operation = document.paths[path]?.[method.toLowerCase()] as { requestBody?: unknown } | undefined;
  if (operation === undefined || operation.requestBody !== undefined) return;
  const body = event.body ?? '';
  if ((event.isBase64Encoded ? Buffer.from(body, 'base64').toString('latin1') : body).trim() === '') return;
  throw new ProblemError(400, 'unexpected_body', `${method} ${path} takes no body: send the request without one.`);
}

/**
 * An API over payload 2.0 events: routing of resources and methods (404, 405 with Allow), the
 * caller's scope from the JWT claims for authorized routes, and one deadline for the whole
 * request, past which it answers 503 with Retry-After. Refusals are problem+json; every
 * request, answered or thrown, writes one metrics line.
 */
export function createHttpApi<C>(options: HttpApiOptions<C>): HttpHandler {
  const base = options.basePath;

  async function route(
    event: APIGatewayProxyEventV2WithJWTAuthorizer,
    correlationId: string,
    signal: AbortSignal,
    outcome: Outcome,
  ): Promise<ApiResult> {
    const path = event.rawPath.startsWith(`${base}/`) ? event.rawPath.slice(base.length) : undefined;
    const resource = path === undefined ? undefined : options.resources.find((candidate) => candidate.pattern.test(path));
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
    refuseUnexpectedBody(event, options.document, `${base}${resource.template}`, method);
    const match = resource.pattern.exec(path)!;
    const context = options.context({ event, pathParameters: { ...match.groups }, signal, now: options.clock(), correlationId });
    return operation.authorized ? operation.run({ ...context, scope: callerScope(event) }) : operation.run(context);
  }

  function measure(startedAt: number, outcome: Outcome): void {
    try {
      const answeredAt = options.clock().getTime();
      options.metrics(requestMetricsLine({ api: options.name, ...outcome, latencyMs: answeredAt - startedAt, timestamp: answeredAt }));
    } catch {
      // A lost metrics line must never change the answer, nor the error thrown.
    }
  }

  async function answerWithin(event: APIGatewayProxyEventV2WithJWTAuthorizer, correlationId: string, outcome: Outcome): Promise<ApiResult> {
    const requestId = event.requestContext.requestId;
    try {
      return await withinDeadline(options.deadlineMs, (signal) => route(event, correlationId, signal, outcome));
    } catch (error) {
      let answer: ProblemError;
      if (error instanceof ProblemError) answer = error;
      else if (isTransientFailure(error))
        answer = unavailable(
          'dependency_unavailable',
          `A dependency (${options.dependencies}) failed for a moment; try again shortly with the same request.`,
        );
      else answer = new ProblemError(500, 'internal_error', 'The request failed on our side; it may be retried with the same request.');
      if (answer.status >= 500) {
        options.log({
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

  return async (event) => {
    const startedAt = options.clock().getTime();
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
}
