import { afterAll, describe, expect, it } from 'vitest';
import { ThreadPool } from '../src/index.js';
import type { TestJob } from './fixtures/jobs-worker.js';

const pool = new ThreadPool<TestJob, string>({
  entry: new URL('./fixtures/jobs-worker.ts', import.meta.url),
  size: 1,
  maxHeapMb: 64,
  timeoutMs: 10_000,
  name: 'test',
});
afterAll(() => pool.close());

describe('a thread pool', () => {
  it('runs a job in a thread and gives its result', async () => {
    expect(await pool.run({ do: 'echo', text: 'total' })).toEqual({ kind: 'done', result: 'TOTAL' });
  });

  it('stops a job past its timeout, and the next job runs on a fresh thread', async () => {
    expect(await pool.run({ do: 'loop' }, { timeoutMs: 300 })).toEqual({ kind: 'timeout', timeoutMs: 300 });
    expect(await pool.run({ do: 'echo', text: 'next' })).toEqual({ kind: 'done', result: 'NEXT' });
  });

  it('stops a job that swells past the heap limit, and goes on', async () => {
    expect(await pool.run({ do: 'swell' })).toEqual({ kind: 'out-of-memory', maxHeapMb: 64 });
    expect(await pool.run({ do: 'echo', text: 'after' })).toEqual({ kind: 'done', result: 'AFTER' });
  });

  it("rejects with a job's own error, keeping its name", async () => {
    await expect(pool.run({ do: 'throw' })).rejects.toMatchObject({ name: 'RangeError', message: 'no such thing' });
  });

  it('rejects a job aborted while it runs or waits, with the signal reason', async () => {
    const controller = new AbortController();
    const running = pool.run({ do: 'loop' }, { signal: controller.signal });
    const waiting = pool.run({ do: 'echo', text: 'never' }, { signal: controller.signal });
    controller.abort(new Error('deadline'));
    await expect(running).rejects.toThrow('deadline');
    await expect(waiting).rejects.toThrow('deadline');
    expect(await pool.run({ do: 'echo', text: 'still' })).toEqual({ kind: 'done', result: 'STILL' });
  });
});
