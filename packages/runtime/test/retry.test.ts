import { afterEach, describe, expect, it, vi } from 'vitest';
import { PermanentError, TransientError } from '../src/errors.js';
import { DependencyUnavailableError, retryTransient } from '../src/resilience/index.js';

/** A dependency that fails `failures` times with `error`, then answers its attempt number. */
function failing(failures: number, error: () => Error) {
  const calls: number[] = [];
  const fn = async (attempt: number): Promise<number> => {
    calls.push(attempt);
    if (calls.length <= failures) throw error();
    return attempt;
  };
  return { fn, calls };
}

const signal = () => new AbortController().signal;

afterEach(() => vi.restoreAllMocks());

describe('retryTransient', () => {
  it('retries transient failures until one attempt succeeds', async () => {
    const { fn, calls } = failing(2, () => new TransientError('blip'));
    const retried: number[] = [];
    await expect(
      retryTransient(fn, { signal: signal(), startingDelayMs: 1, onRetry: (_error, attempt) => retried.push(attempt) }),
    ).resolves.toBe(3);
    expect(calls).toEqual([1, 2, 3]);
    expect(retried).toEqual([1, 2]);
  });

  it('gives up after the attempts, with the last failure', async () => {
    const { fn, calls } = failing(10, () => new TransientError('down'));
    await expect(retryTransient(fn, { signal: signal(), attempts: 4, startingDelayMs: 1 })).rejects.toThrow('down');
    expect(calls).toHaveLength(4);
  });

  it('never retries a permanent failure nor an open breaker', async () => {
    const permanent = failing(1, () => new PermanentError('bad'));
    await expect(retryTransient(permanent.fn, { signal: signal(), startingDelayMs: 1 })).rejects.toBeInstanceOf(PermanentError);
    expect(permanent.calls).toHaveLength(1);
    const open = failing(1, () => new DependencyUnavailableError('open'));
    await expect(retryTransient(open.fn, { signal: signal(), startingDelayMs: 1 })).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(open.calls).toHaveLength(1);
  });

  it('waits with a jittered exponential backoff under the ceiling', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { fn } = failing(2, () => new TransientError('blip'));
    const startedAt = performance.now();
    await retryTransient(fn, { signal: signal(), startingDelayMs: 40, maxDelayMs: 60 });
    // 40 then 80 capped at 60.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(95);
  });

  it('ends a backoff wait at once when the signal aborts, with its reason', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const controller = new AbortController();
    const { fn, calls } = failing(10, () => new TransientError('down'));
    const delayMs = 5_000;
    const startedAt = performance.now();
    const retrying = retryTransient(fn, { signal: controller.signal, startingDelayMs: delayMs, maxDelayMs: delayMs });
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    await expect(retrying).rejects.toThrow('shutting down');
    expect(performance.now() - startedAt).toBeLessThan(delayMs / 10);
    expect(calls).toHaveLength(1);
  });

  it('rejects at once when already aborted, without calling', async () => {
    const { fn, calls } = failing(0, () => new TransientError('never'));
    await expect(retryTransient(fn, { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(calls).toEqual([]);
  });
});
