/** SDK and Node failures a retry may cure: the client is told to come back (503), not that we broke (500). */
const TRANSIENT_NAMES = new Set([
  'AbortError',
  'TimeoutError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'SlowDown',
  'TransactionConflictException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $retryable?: unknown;
    cause?: unknown;
  };
  if (typeof shape.name === 'string' && TRANSIENT_NAMES.has(shape.name)) return true;
  if (typeof shape.code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_)/.test(shape.code))
    return true;
  const status = shape.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  if (shape.$retryable) return true;
  return shape.cause !== undefined && isTransient(shape.cause);
}
