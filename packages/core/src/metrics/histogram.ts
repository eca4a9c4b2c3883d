/** Latencies of a span of time, in ms. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

// Latencies fall into buckets 2% wide, so a percentile is off by 1% at most, and recording
// one is a logarithm and a map update whatever the traffic.
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

export class Histogram {
  readonly buckets = new Map<number, number>();
  count = 0;
  min = Infinity;
  max = -Infinity;

  record(value: number): void {
    const index = value > 0 ? Math.ceil(Math.log(value) / LOG_GROWTH) : Number.NEGATIVE_INFINITY;
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + 1);
    this.count += 1;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  merge(other: Histogram): void {
    for (const [index, count] of other.buckets) this.buckets.set(index, (this.buckets.get(index) ?? 0) + count);
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  percentile(fraction: number): number {
    const rank = Math.max(1, Math.ceil(fraction * this.count));
    let seen = 0;
    for (const index of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(index) ?? 0;
      if (seen >= rank) {
        const middle = index === Number.NEGATIVE_INFINITY ? 0 : GROWTH ** (index - 0.5);
        return Math.min(this.max, Math.max(this.min, middle));
      }
    }
    return this.max;
  }

  summary(): LatencySummary {
    return { count: this.count, p50: this.percentile(0.5), p90: this.percentile(0.9), p99: this.percentile(0.99), max: this.max };
  }
}
