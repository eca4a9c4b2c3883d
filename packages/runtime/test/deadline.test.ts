import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../src/resilience/index.js';
import { deadlineSignal } from '../src/lifecycle/deadline.js';

const reasonOf = (signal: AbortSignal): Promise<unknown> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('a deadline signal', () => {
  it('aborts at the deadline with a TimeoutError, which counts as transient', async () => {
    const deadline = deadlineSignal(20);
    const reason = await reasonOf(deadline.signal);
    expect(reason).toMatchObject({ name: 'TimeoutError' });
    expect(classifyFailure(reason)).toBe('transient');
  });

  it('aborts with its parent, at once if the parent already has', async () => {
    const parent = new AbortController();
    const deadline = deadlineSignal(60_000, parent.signal);
    const reason = reasonOf(deadline.signal);
    parent.abort(new Error('draining'));
    expect(await reason).toEqual(new Error('draining'));
    deadline.clear();
    expect(deadlineSignal(60_000, parent.signal).signal.aborted).toBe(true);
  });

  it('does not abort once cleared', async () => {
    const parent = new AbortController();
    const deadline = deadlineSignal(10, parent.signal);
    deadline.clear();
    parent.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(deadline.signal.aborted).toBe(false);
  });
});
