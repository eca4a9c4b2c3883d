import { PermanentError, TransientError } from '../errors.js';

export type FailureKind = 'transient' | 'permanent';

/** Thrown instead of calling a dependency whose circuit breaker is open. */
export class DependencyUnavailableError extends TransientError {
  override readonly name: string = 'DependencyUnavailableError';
}

/** Error names the SDK and its services use for throttling or a passing fault, whatever their status code. */
const TRANSIENT_NAMES = new Set([
  'AbortError',
  'TimeoutError',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EOPENBREAKER',
]);

/** DynamoDB cancellation reasons that a later attempt may not meet. */
const TRANSIENT_CANCELLATIONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  CancellationReasons?: unknown;
}

function statusOf(error: ErrorShape): number | undefined {
  const status = error.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function cancellationKind(reasons: unknown): FailureKind {
  if (!Array.isArray(reasons)) return 'permanent';
  const codes = reasons.map((reason: { Code?: unknown } | null) => reason?.Code);
  return codes.some((code) => typeof code === 'string' && TRANSIENT_CANCELLATIONS.has(code)) ? 'transient' : 'permanent';
}

/**
 * Whether a failure may pass if tried again, decided by the error's class, name, code and the
 * SDK's own fault metadata, never by its message. Anything unrecognised counts as transient:
 * a bug may be fixed by a deploy, and the queue bounds the attempts anyway.
 */
export function classifyFailure(error: unknown): FailureKind {
  return classify(error, 0);
}

const MAX_DEPTH = 5;

function classify(error: unknown, depth: number): FailureKind {
  if (error instanceof PermanentError) return 'permanent';
  if (error instanceof TransientError) return 'transient';
  if (typeof error !== 'object' || error === null) return 'transient';
  const shape = error as ErrorShape;

  if (typeof shape.name === 'string' && TRANSIENT_NAMES.has(shape.name)) return 'transient';
  if (typeof shape.code === 'string' && (NETWORK_CODES.has(shape.code) || shape.code.startsWith('UND_ERR_'))) return 'transient';
  if (shape.$retryable !== undefined && shape.$retryable !== null) return 'transient';
  if (shape.name === 'TransactionCanceledException') return cancellationKind(shape.CancellationReasons);

  const status = statusOf(shape);
  if (status === 429 || (status !== undefined && status >= 500) || shape.$fault === 'server') return 'transient';
  if (shape.$fault === 'client' || (status !== undefined && status >= 400)) return 'permanent';

  // A network failure may arrive wrapped: several connection attempts, or an error's cause.
  if (depth >= MAX_DEPTH) return 'transient';
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.every((inner) => classify(inner, depth + 1) === 'permanent') ? 'permanent' : 'transient';
  }
  if (shape.cause !== undefined) return classify(shape.cause, depth + 1);
  return 'transient';
}
