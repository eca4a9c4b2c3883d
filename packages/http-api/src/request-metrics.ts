import { emfLine } from '@ndf/core';
import { API_METRIC, API_METRICS_NAMESPACE } from '@ndf/catalog';

// One CloudWatch Embedded Metric Format line per request the handler answers, so that alarms
// at 10-second periods can watch the API's 5xx and p99 latency: API Gateway's own metrics are
// 1-minute only. CloudWatch Logs extracts the metrics from the Lambda's stdout.

/** Where the lines go: one JSON object per call, without its line break. */
export type MetricsSink = (line: string) => void;

/** What the handler did for one request. No user data: these become searchable log fields. */
export interface RequestMeasure {
  /** The `Api` dimension. */
  readonly api: string;
  /** The status answered: 500 when the handler threw, as API Gateway then answers. */
  readonly status: number;
  /** From the handler's entry to its answer, by its clock. */
  readonly latencyMs: number;
  /** When the answer was given, in ms since the epoch. */
  readonly timestamp: number;
  readonly correlationId?: string | undefined;
  /** The route template (`POST /v1/notes/{id}`), never the raw path; undefined when nothing matched. */
  readonly route?: string | undefined;
}

/** The EMF line for one request: its counts and latency at 1-second resolution under the `Api` dimension. */
export function requestMetricsLine(measure: RequestMeasure): string {
  return emfLine({
    namespace: API_METRICS_NAMESPACE,
    dimensions: { Api: measure.api },
    timestamp: measure.timestamp,
    values: {
      [API_METRIC.requests]: { value: 1, unit: 'Count' },
      [API_METRIC.serverErrors]: { value: measure.status >= 500 ? 1 : 0, unit: 'Count' },
      [API_METRIC.clientErrors]: { value: measure.status >= 400 && measure.status < 500 ? 1 : 0, unit: 'Count' },
      // A clock set back during the request must not make a negative latency.
      [API_METRIC.latencyMs]: { value: Math.max(0, Math.round(measure.latencyMs)), unit: 'Milliseconds' },
    },
    properties: {
      status: measure.status,
      ...(measure.route === undefined ? {} : { route: measure.route }),
      ...(measure.correlationId === undefined ? {} : { correlationId: measure.correlationId }),
    },
  });
}
