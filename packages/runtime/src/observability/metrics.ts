/** The counters, gauges and latencies every hop reports (see the runtime's README for the names). */
export interface Metrics {
  increment(name: string, value?: number): void;
  gauge(name: string, value: number): void;
  /** A duration in milliseconds, kept as a histogram. */
  observe(name: string, milliseconds: number): void;
}

/** For code paths and tests that report nothing. */
export const noMetrics: Metrics = {
  increment: () => undefined,
  gauge: () => undefined,
  observe: () => undefined,
};
