/** The clock and the one kind of timer the notifier needs, so that tests can move time themselves. */
export interface Timers {
  now(): number;
  /** Calls `callback` after `ms`; the function returned cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
