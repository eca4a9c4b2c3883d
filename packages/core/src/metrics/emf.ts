// CloudWatch Embedded Metric Format: one JSON document per line on stdout, from which
// CloudWatch Logs extracts the metrics. Specification:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html

export type EmfUnit = 'Count' | 'Milliseconds' | 'None';

export interface EmfValue {
  readonly value: number;
  readonly unit: EmfUnit;
}

export interface EmfDocument {
  readonly namespace: string;
  /** The one dimension set, by name and value: `{ Service: 'ocr' }`. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, EmfValue>>;
  /** In ms since the epoch. */
  readonly timestamp: number;
  /** Searchable log fields that are not metrics (a status, a route): never user data. */
  readonly properties?: Readonly<Record<string, string | number>>;
}

/** The specification allows at most 100 metric definitions per directive. */
const METRICS_PER_DIRECTIVE = 100;

/** One EMF document, every metric at high (1-second) storage resolution. */
export function emfLine({ namespace, dimensions, values, timestamp, properties = {} }: EmfDocument): string {
  const definitions = Object.entries(values).map(([name, { unit }]) => ({ Name: name, Unit: unit, StorageResolution: 1 }));
  const directives = [];
  for (let start = 0; start < definitions.length; start += METRICS_PER_DIRECTIVE) {
    directives.push({
      Namespace: namespace,
      Dimensions: [Object.keys(dimensions)],
      Metrics: definitions.slice(start, start + METRICS_PER_DIRECTIVE),
    });
  }
  const plain = Object.fromEntries(Object.entries(values).map(([name, { value }]) => [name, value]));
  return JSON.stringify({
    _aws: { Timestamp: Math.round(timestamp), CloudWatchMetrics: directives },
    ...dimensions,
    ...plain,
    ...properties,
  });
}

/** Whether a line of a process's output is an EMF document as emfLine writes it (the rest is its logs). */
export const isEmfLine = (line: string): boolean => line.startsWith('{"_aws":');
