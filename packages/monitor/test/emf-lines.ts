import { API_METRICS_NAMESPACE, SERVICE_METRICS_NAMESPACE } from '@ndf/catalog';
import { emfLine, type EmfValue } from '@ndf/core';

/** A service's document for one second, as the runtime writes it: counts, gauges (the heartbeat among them), latencies. */
export function serviceSecond(
  service: string,
  at: number,
  { counts = {}, gauges = {} }: { counts?: Record<string, number>; gauges?: Record<string, number> } = {},
): string {
  const values: Record<string, EmfValue> = { heartbeat: { value: Math.floor(at / 1000), unit: 'None' } };
  for (const [name, value] of Object.entries(counts)) values[name] = { value, unit: 'Count' };
  for (const [name, value] of Object.entries(gauges)) values[name] = { value, unit: 'None' };
  return emfLine({ namespace: SERVICE_METRICS_NAMESPACE, dimensions: { Service: service }, values, timestamp: at });
}

/** An API's line for one request, as the ingest API writes it. */
export function apiRequest(
  api: string,
  at: number,
  { status = 200, latencyMs = 20, correlationId }: { status?: number; latencyMs?: number; correlationId?: string } = {},
): string {
  return emfLine({
    namespace: API_METRICS_NAMESPACE,
    dimensions: { Api: api },
    timestamp: at,
    values: {
      requests: { value: 1, unit: 'Count' },
      status_5xx: { value: status >= 500 ? 1 : 0, unit: 'Count' },
      latency_ms: { value: latencyMs, unit: 'Milliseconds' },
    },
    properties: { status, ...(correlationId ? { correlationId } : {}) },
  });
}
