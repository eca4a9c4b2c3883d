import { describe, expect, it } from 'vitest';
import { PermanentError } from '../src/errors.js';
import { bisect, type BisectOptions, type Poison } from '../src/stream/bisect.js';
import { jitteredDelay } from '../src/lifecycle/wait.js';

interface Run {
  calls: number[][];
  events: string[];
  poisons: Map<number, Poison>;
  retries: number;
  splits: number;
}

function harness(fails: (batch: readonly number[], call: number) => Error | undefined, overrides: Partial<BisectOptions<number>> = {}) {
  const run: Run = { calls: [], events: [], poisons: new Map(), retries: 0, splits: 0 };
  const options: BisectOptions<number> = {
    signal: new AbortController().signal,
    maxRetries: 2,
    startingDelayMs: 1,
    maxDelayMs: 2,
    isPermanent: (error) => error instanceof PermanentError,
    handle: async (batch) => {
      run.calls.push([...batch]);
      const error = fails(batch, run.calls.length);
      if (error) throw error;
    },
    onHandled: async (batch) => {
      run.events.push(`handled ${batch.join(',')}`);
    },
    onPoison: async (item, poison) => {
      run.events.push(`poison ${item}`);
      run.poisons.set(item, poison);
    },
    onRetry: () => (run.retries += 1),
    onSplit: () => (run.splits += 1),
    ...overrides,
  };
  return { run, options };
}

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
const handledInOrder = (run: Run): number[] =>
  run.events.flatMap((event) => (event.startsWith('handled ') ? event.slice('handled '.length).split(',').map(Number) : []));

describe('bisect', () => {
  it('hands a batch that succeeds over once', async () => {
    const { run, options } = harness(() => undefined);
    await bisect(range(10), options);
    expect(run.calls).toEqual([range(10)]);
    expect(run.events).toEqual([`handled ${range(10).join(',')}`]);
  });

  it('retries a failing batch before it splits it', async () => {
    const { run, options } = harness((_, call) => (call < 3 ? new Error('flaky') : undefined));
    await bisect(range(4), options);
    expect(run.calls).toHaveLength(3);
    expect(run.retries).toBe(2);
    expect(run.splits).toBe(0);
    expect(run.events).toEqual(['handled 0,1,2,3']);
  });

  it('bisects down to the one failing item, in order, and handles every other', async () => {
    const { run, options } = harness((batch) => (batch.includes(17) ? new Error('poison 17') : undefined), { maxRetries: 1 });
    await bisect(range(50), options);
    expect([...run.poisons.keys()]).toEqual([17]);
    expect(handledInOrder(run)).toEqual(range(50).filter((item) => item !== 17));
    const poisonAt = run.events.indexOf('poison 17');
    expect(run.events.slice(0, poisonAt).flatMap((event) => event.slice(8).split(',').map(Number))).toEqual(range(17));
    // Every batch that held 17 was tried twice, and its history keeps each of those attempts.
    const failures = run.poisons.get(17)!.failures;
    expect(failures.length).toBe(run.calls.filter((batch) => batch.includes(17)).length);
    expect(failures.map((failure) => failure.attempt)).toEqual(range(failures.length).map((index) => index + 1));
    expect(failures.every((failure) => failure.message === 'poison 17' && failure.errorName === 'Error')).toBe(true);
    expect((run.poisons.get(17)!.lastError as Error).message).toBe('poison 17');
  });

  it('gives up on several failing items, each on its own', async () => {
    const bad = new Set([0, 5, 6, 9]);
    const { run, options } = harness((batch) => (batch.some((item) => bad.has(item)) ? new Error('bad') : undefined), { maxRetries: 0 });
    await bisect(range(10), options);
    expect([...run.poisons.keys()]).toEqual([0, 5, 6, 9]);
    expect(handledInOrder(run)).toEqual([1, 2, 3, 4, 7, 8]);
  });

  it('splits at once on a permanent failure and gives the item up without retrying it', async () => {
    const { run, options } = harness((batch) => (batch.includes(3) ? new PermanentError('no such currency') : undefined), {
      maxRetries: 5,
    });
    await bisect(range(8), options);
    expect(run.retries).toBe(0);
    expect(run.calls.filter((batch) => batch.length === 1 && batch[0] === 3)).toHaveLength(1);
    expect(run.poisons.get(3)!.failures.every((failure) => failure.errorName === 'PermanentError')).toBe(true);
    expect(handledInOrder(run)).toEqual([0, 1, 2, 4, 5, 6, 7]);
  });

  it('waits with full jitter below a doubling ceiling', () => {
    expect([1, 2, 3, 4].map((retry) => jitteredDelay(retry, 20, 50, () => 1))).toEqual([20, 40, 50, 50]);
    expect(jitteredDelay(3, 20, 50, () => 0.5)).toBe(25);
    expect(jitteredDelay(1, 20, 50, () => 0)).toBe(0);
  });

  it('stops at once when the signal aborts, giving nothing up', async () => {
    const controller = new AbortController();
    const { run, options } = harness(() => new Error('down'), {
      signal: controller.signal,
      maxRetries: 5,
      startingDelayMs: 10_000,
      maxDelayMs: 10_000,
      random: () => 1,
    });
    const done = bisect(range(4), options);
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    await expect(done).rejects.toThrow('shutting down');
    expect(run.calls).toHaveLength(1);
    expect(run.poisons.size).toBe(0);
  });

  it('does nothing with no items', async () => {
    const { run, options } = harness(() => undefined);
    await bisect([], options);
    expect(run.calls).toEqual([]);
  });
});
