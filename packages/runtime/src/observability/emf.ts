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

/**
 * One CloudWatch Embedded Metric Format document for one second: counters as counts,
 * gauges as plain values, and each latency as its count, p50, p90, p99 and max in
 * milliseconds, all at high (1-second) storage resolution under the `Service` dimension.
 */
export function toEmf(service: string, snapshotOfOneSecond: SecondSnapshot, timestamp: number): string {
  const definitions: MetricDefinition[] = [];
  const values: Record<string, number> = {};
  const add = (name: string, unit: MetricDefinition['Unit'], value: number): void => {
    definitions.push({ Name: name, Unit: unit, StorageResolution: 1 });
    values[name] = value;
  };
  for (const [name, value] of Object.entries(snapshotOfOneSecond.counters)) add(name, 'Count', value);
  for (const [name, value] of Object.entries(snapshotOfOneSecond.gauges)) add(name, 'None', value);
  for (const [name, summary] of Object.entries(snapshotOfOneSecond.latencies)) {
    add(`${name}.count`, 'Count', summary.count);
    add(`${name}.p50`, 'Milliseconds', summary.p50);
    add(`${name}.p90`, 'Milliseconds', summary.p90);
    add(`${name}.p99`, 'Milliseconds', summary.p99);
    add(`${name}.max`, 'Milliseconds', summary.max);
  }
  const directives = [];
  for (let start = 0; start < definitions.length; start += METRICS_PER_DIRECTIVE) {
    directives.push({ Namespace: EMF_NAMESPACE, Dimensions: [['Service']], Metrics: definitions.slice(start, start + METRICS_PER_DIRECTIVE) });
  }
  return JSON.stringify({ _aws: { Timestamp: timestamp, CloudWatchMetrics: directives }, Service: service, ...values });
}

export interface EmitEmfOptions {
  readonly service: string;
  readonly write?: (line: string) => void;
  readonly intervalMs?: number;
}

/** Writes one EMF line per complete second the registry saw; the returned function stops, writing what is left. */
export function emitEmf(registry: MetricsRegistry, { service, write = (line) => void process.stdout.write(line + '\n'), intervalMs = 1_000 }: EmitEmfOptions): () => void {
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
