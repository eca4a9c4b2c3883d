import { errorText } from '@ndf/core';
import { DependencyUnavailableError, classifyFailure } from '../resilience/index.js';

export type Outcome =
  /** Back to the queue, visible again after the delay; the next receive is the next attempt. */
  | { readonly kind: 'retry-later'; readonly delaySeconds: number }
  /** Out of the hot path, with the reason. */
  | { readonly kind: 'quarantine'; readonly reason: string }
  /** A good message refused by an open breaker: sent again as new, so the outage costs it no attempt. */
  | { readonly kind: 'requeue'; readonly delaySeconds: number };

const MAX_DELAY_SECONDS = 15 * 60;

/** A growing visibility delay with full jitter, from the attempt number (1 for the first). */
export function retryDelaySeconds(attempt: number, baseSeconds = 2, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling * random()));
}

/** What becomes of a message whose handling failed, decided by the error's type, never its text. */
export function outcomeOf(error: unknown, attempt: number, maxAttempts: number, random?: () => number): Outcome {
  const message = errorText(error);
  if (classifyFailure(error) === 'permanent') return { kind: 'quarantine', reason: message };
  // Refused by an open breaker, the message was never tried: a fresh copy keeps its attempts
  // for the dependency's return, while the consumer stops receiving until then.
  if (error instanceof DependencyUnavailableError) return { kind: 'requeue', delaySeconds: retryDelaySeconds(1, 2, random) };
  if (attempt < maxAttempts) return { kind: 'retry-later', delaySeconds: retryDelaySeconds(attempt, 2, random) };
  return { kind: 'quarantine', reason: `exhausted ${maxAttempts} attempts; last error ${message}` };
}
