import { API_METRICS_NAMESPACE, SERVICE_METRICS_NAMESPACE } from '@ndf/catalog';
import type { EmfUnit } from '@ndf/core';

/** The dimension that names the component in each namespace the platform writes. */
const DIMENSION_OF: Readonly<Record<string, string>> = { [SERVICE_METRICS_NAMESPACE]: 'Service', [API_METRICS_NAMESPACE]: 'Api' };
const UNITS: ReadonlySet<string> = new Set<EmfUnit>(['Count', 'Milliseconds', 'None']);

export interface EmfDatum {
  readonly name: string;
  readonly value: number;
  readonly unit: EmfUnit;
}

/** One EMF document of one component, as the monitor keeps it. */
export interface EmfReading {
  readonly namespace: string;
  /** The service, router or API (the `Service` or `Api` dimension). */
  readonly component: string;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly values: readonly EmfDatum[];
  /** The document's other fields that are not metrics (an API request's correlationId, status, route). */
  readonly properties: Readonly<Record<string, string | number>>;
}

/** Why a line is not an EMF document of the platform's namespaces. */
export class MalformedEmfError extends Error {
  override readonly name = 'MalformedEmfError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one EMF document as the platform writes it (packages/core's emfLine): one directive set
 * under `_aws`, a namespace of the platform's, its one dimension, metric values as numbers.
 */
export function parseEmf(line: string): EmfReading {
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch {
    throw new MalformedEmfError('not JSON');
  }
  if (!isRecord(document) || !isRecord(document._aws)) throw new MalformedEmfError('no _aws directive');
  const { Timestamp: timestamp, CloudWatchMetrics: directives } = document._aws;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) throw new MalformedEmfError('no numeric _aws.Timestamp');
  if (!Array.isArray(directives) || directives.length === 0) throw new MalformedEmfError('no _aws.CloudWatchMetrics');
  const first: unknown = directives[0];
  if (!isRecord(first) || typeof first.Namespace !== 'string') throw new MalformedEmfError('no namespace');
  const namespace = first.Namespace;
  const dimension = DIMENSION_OF[namespace];
  if (dimension === undefined) throw new MalformedEmfError(`namespace ${namespace} is not the platform's`);
  const component = document[dimension];
  if (typeof component !== 'string' || component === '') throw new MalformedEmfError(`no ${dimension} dimension`);

  const values: EmfDatum[] = [];
  const metricNames = new Set<string>();
  for (const directive of directives) {
    if (!isRecord(directive) || directive.Namespace !== namespace || !Array.isArray(directive.Metrics))
      throw new MalformedEmfError('a directive of another namespace or without metrics');
    for (const definition of directive.Metrics) {
      if (!isRecord(definition) || typeof definition.Name !== 'string') throw new MalformedEmfError('a metric without a name');
      const unit = definition.Unit ?? 'None';
      if (typeof unit !== 'string' || !UNITS.has(unit)) throw new MalformedEmfError(`metric ${definition.Name}: unit ${String(unit)}`);
      const value = document[definition.Name];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedEmfError(`metric ${definition.Name}: no numeric value`);
      values.push({ name: definition.Name, value, unit: unit as EmfUnit });
      metricNames.add(definition.Name);
    }
  }
  const properties: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key === '_aws' || key === dimension || metricNames.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number') properties[key] = value;
  }
  return { namespace, component, timestamp, values, properties };
}
