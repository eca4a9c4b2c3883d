import { describe, expect, it } from 'vitest';
import { runTimes } from '../src/run-times.js';

const SECOND = 1_000;

describe('runTimes', () => {
  it('spreads a minute-long tick into a run every 10 s from when it was sent', () => {
    expect(runTimes({ sentAt: 0, now: 200, periodMs: 60 * SECOND, intervalMs: 10 * SECOND })).toEqual(
      [0, 10, 20, 30, 40, 50].map((s) => s * SECOND),
    );
  });

  it('gives one run to a tick as long as its interval, and one to a tick shorter than it', () => {
    expect(runTimes({ sentAt: 0, now: 0, periodMs: 10 * SECOND, intervalMs: 10 * SECOND })).toEqual([0]);
    expect(runTimes({ sentAt: 0, now: 0, periodMs: 5 * SECOND, intervalMs: 10 * SECOND })).toEqual([0]);
  });

  it('leaves out the runs whose interval has ended: a late tick runs only what is still ahead, a stale one nothing', () => {
    expect(runTimes({ sentAt: 0, now: 25 * SECOND, periodMs: 60 * SECOND, intervalMs: 10 * SECOND })).toEqual(
      [20, 30, 40, 50].map((s) => s * SECOND),
    );
    expect(runTimes({ sentAt: 0, now: 61 * SECOND, periodMs: 60 * SECOND, intervalMs: 10 * SECOND })).toEqual([]);
  });
});
