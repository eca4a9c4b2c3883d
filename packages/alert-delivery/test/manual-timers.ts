import type { Timers } from '../src/index.js';

/** Timers that run only when the test moves the clock. */
export class ManualTimers implements Timers {
  private time = 0;
  private readonly pending = new Set<{ at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  after(ms: number, callback: () => void): () => void {
    const timer = { at: this.time + ms, callback };
    this.pending.add(timer);
    return () => this.pending.delete(timer);
  }

  /** Moves the clock, running every timer that falls due, in order of due time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.pending].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending.delete(next);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }
}
