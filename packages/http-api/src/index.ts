export { lambdaHandler, lambdaRuntime, type ApiApp, type ApiFactory, type ApiRuntime } from './api-app.js';
export { callerScope, requireRole } from './caller.js';
export { contractViolation, type Answer } from './answer-check.js';
export { apiClientSettings, REQUEST_TIMEOUT_MS, type ApiClientSettings } from './client-settings.js';
export { Contract, fieldErrors, type Check } from './contract.js';
export { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
export { RETRY_AFTER_SECONDS, unavailable, withinDeadline } from './deadline.js';
export { ifMatchVersion, versionFromIfMatch } from './if-match.js';
export { bodyBytes, MAX_JSON_DEPTH, readJsonBody, readTextBody } from './json-body.js';
export { cursorAfter, decodeCursor, encodeCursor } from './page-cursor.js';
export { asParameters, headerCheck, queryCheck, type Parameter, type QueryCheck } from './parameters.js';
export { invalid, notFound, ProblemError } from './problem.js';
export { HEALTH_CACHE_MS, healthRoute, openApiRoute, type HealthOptions, type HealthProbe } from './public-routes.js';
export { requestMetricsLine, type MetricsSink, type RequestMeasure } from './request-metrics.js';
export { etagOf, json, noContent, problem, type ApiResult } from './responses.js';
export {
  authorized,
  createHttpApi,
  open,
  type HttpApiOptions,
  type HttpHandler,
  type Operation,
  type RequestContext,
  type Resource,
  type Scoped,
} from './router.js';
export { schemaPointers } from './schema-pointers.js';
export { tableWriteProbe } from './table-probe.js';
