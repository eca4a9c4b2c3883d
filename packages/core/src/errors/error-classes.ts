/** A failure that retrying cannot fix (bad input, a broken rule): quarantine at once. */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';
}

/** A failure that may pass (timeout, throttling, a 5xx): retry later. */
export class TransientError extends Error {
  override readonly name: string = 'TransientError';
}
