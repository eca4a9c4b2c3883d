import { Histogram, type EmfUnit } from '@ndf/core';

/**
 * What a span of time (a second, a period) holds of one component's metrics, by each metric's
 * EMF unit: a count adds up, a gauge keeps its highest value, milliseconds go to a histogram.
 */
export class Aggregate {
  readonly sums = new Map<string, number>();
  readonly gauges = new Map<string, number>();
  readonly latencies = new Map<string, Histogram>();

  add(name: string, value: number, unit: EmfUnit): void {
    if (unit === 'Count') this.sums.set(name, (this.sums.get(name) ?? 0) + value);
    else if (unit === 'None') this.gauges.set(name, Math.max(value, this.gauges.get(name) ?? -Infinity));
    else {
      let histogram = this.latencies.get(name);
      if (histogram === undefined) this.latencies.set(name, (histogram = new Histogram()));
      histogram.record(value);
    }
  }

  /** Adds another span into this one. */
  merge(other: Aggregate): void {
    for (const [name, value] of other.sums) this.sums.set(name, (this.sums.get(name) ?? 0) + value);
    for (const [name, value] of other.gauges) this.gauges.set(name, Math.max(value, this.gauges.get(name) ?? -Infinity));
    for (const [name, histogram] of other.latencies) {
      let merged = this.latencies.get(name);
      if (merged === undefined) this.latencies.set(name, (merged = new Histogram()));
      merged.merge(histogram);
    }
  }
}
