import { PermanentError, TransientError } from './error-classes.js';
import { MESSAGE_FAULT_CANCELLATIONS, MESSAGE_FAULT_NAMES, MESSAGE_FAULT_SMTP_REPLIES } from './message-fault-codes.js';

/**
 * What an error says about trying again: `transient` (a later attempt may pass: a blip, or an
 * outage of the platform such as a denied access or a disabled key), `permanent` (the message
 * itself is wrong: it will fail the same way), or `unknown` (nothing in the error tells).
 * Callers decide what an unknown failure means for them: a queue retries it, an API answers 500.
 */
export type FailureEvidence = 'transient' | 'permanent' | 'unknown';

/** Error names the SDK, its services and Node use for throttling or a passing fault, whatever their status code. */
export const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
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
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

/** Node's and undici's codes for a connection that failed or broke, and opossum's for an open breaker. */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
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

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  CancellationReasons?: unknown;
  /** nodemailer's: the SMTP reply code. */
  responseCode?: unknown;
}

/** How deep wrapped causes are followed: a cycle of causes must not loop. */
const MAX_DEPTH = 5;

function statusOf(error: ErrorShape): number | undefined {
  const status = error.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Permanent only when every item that failed failed for the message's own sake. */
function cancellationEvidence(reasons: unknown): FailureEvidence {
  if (!Array.isArray(reasons)) return 'transient';
  const failed = reasons
    .map((reason: { Code?: unknown } | null) => reason?.Code)
    .filter((code) => code !== undefined && code !== null && code !== 'None');
  const ownFault = failed.length > 0 && failed.every((code) => typeof code === 'string' && MESSAGE_FAULT_CANCELLATIONS.has(code));
  return ownFault ? 'permanent' : 'transient';
}

/**
 * What an error says about a retry, decided by its class, name, code and the SDK's own fault
 * metadata, never by its message. A refusal is permanent only when its name is one that blames
 * the message (MESSAGE_FAULT_NAMES); any other 4xx is the platform's outage and transient, so
 * that it opens the breaker instead of quarantining every message at full speed. A network
 * failure may arrive wrapped (several connection attempts in an AggregateError, or an error's
 * `cause`): the wrapped errors are read too.
 */
export function failureEvidence(error: unknown): FailureEvidence {
  return evidence(error, 0);
}

function evidence(error: unknown, depth: number): FailureEvidence {
  if (error instanceof PermanentError) return 'permanent';
  if (error instanceof TransientError) return 'transient';
  if (typeof error !== 'object' || error === null) return 'unknown';
  const shape = error as ErrorShape;

  if (typeof shape.name === 'string' && TRANSIENT_ERROR_NAMES.has(shape.name)) return 'transient';
  if (typeof shape.code === 'string' && (TRANSIENT_ERROR_CODES.has(shape.code) || shape.code.startsWith('UND_ERR_'))) return 'transient';
  if (shape.$retryable !== undefined && shape.$retryable !== null) return 'transient';
  if (shape.name === 'TransactionCanceledException') return cancellationEvidence(shape.CancellationReasons);
  if (typeof shape.name === 'string' && MESSAGE_FAULT_NAMES.has(shape.name)) return 'permanent';
  if (typeof shape.code === 'string' && MESSAGE_FAULT_NAMES.has(shape.code)) return 'permanent';
  if (typeof shape.responseCode === 'number') return MESSAGE_FAULT_SMTP_REPLIES.has(shape.responseCode) ? 'permanent' : 'transient';

  const status = statusOf(shape);
  if (shape.$fault === 'client' || shape.$fault === 'server' || (status !== undefined && status >= 400)) return 'transient';

  if (depth >= MAX_DEPTH) return 'unknown';
  if (error instanceof AggregateError && error.errors.length > 0) {
    const inner = error.errors.map((each) => evidence(each, depth + 1));
    if (inner.every((kind) => kind === 'permanent')) return 'permanent';
    return inner.includes('transient') ? 'transient' : 'unknown';
  }
  if (shape.cause !== undefined) return evidence(shape.cause, depth + 1);
  return 'unknown';
}

/** Whether the error itself says a retry may cure it (throttling, a timeout, a broken connection, a 5xx). */
export function isTransientFailure(error: unknown): boolean {
  return failureEvidence(error) === 'transient';
}
