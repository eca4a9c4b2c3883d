import { API_METRIC } from '@ndf/catalog';
import type { ComponentKind } from '@ndf/alerting';
import type { Aggregate } from '../store/aggregate.js';

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** The latency each kind of component reports: per request for an API, per message or batch for the others. */
const SERVICE_LATENCY: Partial<Record<ComponentKind, string>> = { service: 'handler_ms', router: 'stream_handler_ms' };

/**
 * The percentiles of a span: an API's from its requests' latencies; a service's or router's from
 * the per-second percentiles it reports (the p99 of its per-second p99s, as CloudWatch's p99
 * statistic over the high-resolution metric would say).
 */
export function latencyOf(kind: ComponentKind, aggregate: Aggregate | undefined): Percentiles | undefined {
  if (aggregate === undefined) return undefined;
  const round = (value: number) => Math.round(value * 10) / 10;
  if (kind === 'api') {
    const histogram = aggregate.latencies.get(API_METRIC.latencyMs);
    if (!histogram || histogram.count === 0) return undefined;
    return { p50: round(histogram.percentile(0.5)), p90: round(histogram.percentile(0.9)), p99: round(histogram.percentile(0.99)) };
  }
  const name = SERVICE_LATENCY[kind];
  if (name === undefined) return undefined;
  const of = (statistic: 'p50' | 'p90' | 'p99', fraction: number) => aggregate.latencies.get(`${name}.${statistic}`)?.percentile(fraction);
  const [p50, p90, p99] = [of('p50', 0.5), of('p90', 0.9), of('p99', 0.99)];
  if (p50 === undefined || p90 === undefined || p99 === undefined) return undefined;
  return { p50: round(p50), p90: round(p90), p99: round(p99) };
}
