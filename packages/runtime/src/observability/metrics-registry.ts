import { Histogram, type LatencySummary } from '@ndf/core';
import type { Metrics } from './metrics.js';

export type { LatencySummary } from '@ndf/core';

/** What happened within one second. */
export interface SecondSnapshot {
  /** Epoch seconds at the start of the second. */
  readonly second: number;
  /** Increments within the second; every counter seen so far is present, 0 if idle. */
  readonly counters: Readonly<Record<string, number>>;
  /** Values as they stood at the end of the second. */
  readonly gauges: Readonly<Record<string, number>>;
  readonly latencies: Readonly<Record<string, LatencySummary>>;
}

export interface MetricsSnapshot {
  /** Epoch milliseconds. */
  readonly at: number;
  /** Totals since the registry started. */
  readonly counters: Readonly<Record<string, number>>;
  /** Per second: over the last complete second, and averaged over the last minute. */
  readonly rates: { readonly lastSecond: Readonly<Record<string, number>>; readonly lastMinute: Readonly<Record<string, number>> };
  /** Over the last minute, the current second included. */
  readonly latencies: Readonly<Record<string, LatencySummary>>;
  readonly gauges: Readonly<Record<string, number>>;
}

interface Bucket {
  readonly second: number;
  readonly counters: Map<string, number>;
  readonly gauges: Map<string, number>;
  readonly latencies: Map<string, Histogram>;
}

const RETAINED_SECONDS = 300;
const MINUTE = 60;

/**
 * Counters, gauges and latencies kept per second for the last five minutes. Recording is
 * constant time; the summaries are computed when read, off the hot path.
 */
export class MetricsRegistry implements Metrics {
  readonly #now: () => number;
  readonly #startedSecond: number;
  readonly #ring: (Bucket | undefined)[] = new Array<Bucket | undefined>(RETAINED_SECONDS);
  readonly #totals = new Map<string, number>();
  readonly #gauges = new Map<string, number>();

  constructor({ now = Date.now }: { now?: () => number } = {}) {
    this.#now = now;
    this.#startedSecond = this.#second();
  }

  increment(name: string, value = 1): void {
    const counters = this.#bucket().counters;
    counters.set(name, (counters.get(name) ?? 0) + value);
    this.#totals.set(name, (this.#totals.get(name) ?? 0) + value);
  }

  gauge(name: string, value: number): void {
    this.#bucket().gauges.set(name, value);
    this.#gauges.set(name, value);
  }

  observe(name: string, milliseconds: number): void {
    const latencies = this.#bucket().latencies;
    let histogram = latencies.get(name);
    if (histogram === undefined) latencies.set(name, (histogram = new Histogram()));
    histogram.record(milliseconds);
  }

  snapshot(): MetricsSnapshot {
    const current = this.#second();
    const counters = Object.fromEntries(this.#totals);
    const lastSecond: Record<string, number> = {};
    const lastMinute: Record<string, number> = {};
    const minuteLatencies = new Map<string, Histogram>();
    const completeSeconds = Math.max(1, Math.min(MINUTE, current - this.#startedSecond));
    for (const name of this.#totals.keys()) lastSecond[name] = lastMinute[name] = 0;

    for (let second = current - MINUTE; second <= current; second += 1) {
      const bucket = this.#stored(second);
      if (bucket === undefined) continue;
      for (const [name, histogram] of bucket.latencies) {
        let merged = minuteLatencies.get(name);
        if (merged === undefined) minuteLatencies.set(name, (merged = new Histogram()));
        merged.merge(histogram);
      }
      if (second === current) continue;
      for (const [name, value] of bucket.counters) {
        lastMinute[name] = (lastMinute[name] ?? 0) + value / completeSeconds;
        if (second === current - 1) lastSecond[name] = value;
      }
    }
    const latencies = Object.fromEntries([...minuteLatencies].map(([name, histogram]) => [name, histogram.summary()]));
    return { at: this.#now(), counters, rates: { lastSecond, lastMinute }, latencies, gauges: Object.fromEntries(this.#gauges) };
  }

  /** The complete seconds from `sinceEpochSeconds` on that saw any record, oldest first; the current one too if asked. */
  seconds(sinceEpochSeconds: number, includeCurrent = false): SecondSnapshot[] {
    const current = this.#second();
    const last = includeCurrent ? current : current - 1;
    const series: SecondSnapshot[] = [];
    for (let second = Math.max(sinceEpochSeconds, current - RETAINED_SECONDS); second <= last; second += 1) {
      const bucket = this.#stored(second);
      if (bucket === undefined) continue;
      const counters: Record<string, number> = {};
      for (const name of this.#totals.keys()) counters[name] = bucket.counters.get(name) ?? 0;
      series.push({
        second,
        counters,
        gauges: Object.fromEntries(bucket.gauges),
        latencies: Object.fromEntries([...bucket.latencies].map(([name, histogram]) => [name, histogram.summary()])),
      });
    }
    return series;
  }

  #second(): number {
    return Math.floor(this.#now() / 1000);
  }

  #stored(second: number): Bucket | undefined {
    const bucket = this.#ring[second % RETAINED_SECONDS];
    return bucket?.second === second ? bucket : undefined;
  }

  #bucket(): Bucket {
    const second = this.#second();
    const slot = second % RETAINED_SECONDS;
    const bucket = this.#ring[slot];
    if (bucket?.second === second) return bucket;
    // A new second starts with the gauges as they stand, so that each second holds their values at its end.
    const fresh: Bucket = { second, counters: new Map(), gauges: new Map(this.#gauges), latencies: new Map() };
    this.#ring[slot] = fresh;
    return fresh;
  }
}
