import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../src/errors.js';
import { DependencyUnavailableError } from '../src/resilience/index.js';
import { outcomeOf, retryDelaySeconds } from '../src/sqs/outcome.js';

const half = () => 0.5;

describe('the outcome of a failed attempt', () => {
  it('quarantines a permanent failure at once, with its reason', () => {
    expect(outcomeOf(new PermanentError('amount is not a decimal'), 1, 5)).toEqual({
      kind: 'quarantine',
      reason: 'PermanentError: amount is not a decimal',
    });
  });

  it('hands a transient failure back with a delay that grows with the attempt, then quarantines it once attempts are exhausted', () => {
    expect(outcomeOf(new TransientError('blip'), 1, 3, half)).toEqual({ kind: 'retry-later', delaySeconds: 1 });
    expect(outcomeOf(new TransientError('blip'), 2, 3, half)).toEqual({ kind: 'retry-later', delaySeconds: 2 });
    expect(outcomeOf(new TransientError('blip'), 3, 3, half)).toEqual({
      kind: 'quarantine',
      reason: 'exhausted 3 attempts; last error TransientError: blip',
    });
  });

  it('sends a message refused by an open breaker again as new, on any attempt, so an outage never quarantines it', () => {
    for (const attempt of [1, 4, 5, 9])
      expect(outcomeOf(new DependencyUnavailableError('ocr is unavailable'), attempt, 5, half).kind).toBe('requeue');
  });

  it('keeps the visibility delay within SQS bounds, with full jitter', () => {
    expect(retryDelaySeconds(30, 2, () => 1)).toBe(900);
    expect(retryDelaySeconds(3, 2, () => 0)).toBe(1);
  });
});
