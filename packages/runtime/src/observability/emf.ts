import { emfLine as coreEmfLine, type EmfValue } from '@ndf/core';
import { SERVICE_METRICS_NAMESPACE } from '@ndf/catalog';
import type { MetricsRegistry, SecondSnapshot } from './metrics-registry.js';

export type { EmfValue } from '@ndf/core';

export const EMF_NAMESPACE = SERVICE_METRICS_NAMESPACE;

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

/** One EMF document of a service's values at one moment, in the services' namespace under the `Service` dimension. */
export function emfLine(service: string, values: Readonly<Record<string, EmfValue>>, timestamp: number): string {
  return coreEmfLine({ namespace: EMF_NAMESPACE, dimensions: { Service: service }, values, timestamp });
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
