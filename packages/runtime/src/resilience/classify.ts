import { TransientError, failureEvidence } from '@ndf/core';

export type FailureKind = 'transient' | 'permanent';

/** Thrown instead of calling a dependency whose circuit breaker is open. */
export class DependencyUnavailableError extends TransientError {
  override readonly name: string = 'DependencyUnavailableError';
}

/**
 * Whether a failure may pass if tried again (see the core's failureEvidence). Anything
 * unrecognised counts as transient: a bug may be fixed by a deploy, and the queue bounds the
 * attempts anyway.
 */
export function classifyFailure(error: unknown): FailureKind {
  return failureEvidence(error) === 'permanent' ? 'permanent' : 'transient';
}
