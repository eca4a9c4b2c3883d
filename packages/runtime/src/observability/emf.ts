import { SERVICE_METRICS_NAMESPACE } from '@ndf/catalog';
import type { MetricsRegistry, SecondSnapshot } from './metrics-registry.js';

export const EMF_NAMESPACE = SERVICE_METRICS_NAMESPACE;

interface MetricDefinition {
  readonly Name: string;
  readonly Unit: 'Count' | 'Milliseconds' | 'None';
  readonly StorageResolution: 1;
}

/** The specification allows at most 100 metric definitions per directive. */
const METRICS_PER_DIRECTIVE = 100;

export interface EmfValue {
  readonly value: number;
  readonly unit: MetricDefinition['Unit'];
}

/**
 * One CloudWatch Embedded Metric Format document for one second: counters as counts,
 * gauges as plain values, and each latency as its count, p50, p90, p99 and max in
 * milliseconds, all at high (1-second) storage resolution under the `Service` dimension.
 */
export function toEmf(service: string, snapshotOfOneSecond: SecondSnapshot, timestamp: number): string {
  const values: Record<string, EmfValue> = {};
  for (const [name, value] of Object.entries(snapshotOfOneSecond.counters)) values[name] = { value, unit: 'Count' };
  for (const [name, value] of Object.entries(snapshotOfOneSecond.gauges)) values[name] = { value, unit: 'None' };
  for (const [name, summary] of Object.entries(snapshotOfOneSecond.latencies)) {
    values[`${name}.count`] = { value: summary.count, unit: 'Count' };
    for (const statistic of ['p50', 'p90', 'p99', 'max'] as const)
      values[`${name}.${statistic}`] = { value: summary[statistic], unit: 'Milliseconds' };
  }
  return emfLine(service, values, timestamp);
}

/** One EMF document of a service's values at one moment, at 1-second storage resolution under the `Service` dimension. */
export function emfLine(service: string, values: Readonly<Record<string, EmfValue>>, timestamp: number): string {
  const definitions: MetricDefinition[] = Object.entries(values).map(([name, { unit }]) => ({
    Name: name,
    Unit: unit,
    StorageResolution: 1,
  }));
  const plain = Object.fromEntries(Object.entries(values).map(([name, { value }]) => [name, value]));
  const directives = [];
  for (let start = 0; start < definitions.length; start += METRICS_PER_DIRECTIVE) {
    directives.push({
      Namespace: EMF_NAMESPACE,
      Dimensions: [['Service']],
      Metrics: definitions.slice(start, start + METRICS_PER_DIRECTIVE),
    });
  }
  return JSON.stringify({ _aws: { Timestamp: timestamp, CloudWatchMetrics: directives }, Service: service, ...plain });
}

export interface EmitEmfOptions {
  readonly service: string;
  readonly write?: (line: string) => void;
  readonly intervalMs?: number;
}

/** Writes one EMF line per complete second the registry saw; the returned function stops, writing what is left. */
export function emitEmf(
  registry: MetricsRegistry,
  { service, write = (line) => void process.stdout.write(line + '\n'), intervalMs = 1_000 }: EmitEmfOptions,
): () => void {
  let next = 0;
  const flush = (includeCurrent: boolean): void => {
    for (const second of registry.seconds(next, includeCurrent)) {
      write(toEmf(service, second, second.second * 1000));
      next = second.second + 1;
    }
  };
  const timer = setInterval(() => flush(false), intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    flush(true);
  };
}
