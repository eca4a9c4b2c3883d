import { describe, expect, it } from 'vitest';
import { emfLine, type EmfValue } from '../src/index.js';

interface Parsed {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string; StorageResolution: number }[];
    }[];
  };
  [field: string]: unknown;
}

describe('emfLine', () => {
  it('writes one document: the dimension, the values, their definitions at 1-second resolution, and the properties', () => {
    const line = emfLine({
      namespace: 'NDF/Api',
      dimensions: { Api: 'ingest-api' },
      values: { requests: { value: 1, unit: 'Count' }, 'latency.ms': { value: 12, unit: 'Milliseconds' } },
      timestamp: 1_700_000_000_123.4,
      properties: { status: 200, route: 'GET /v1/notes' },
    });
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as Parsed;
    expect(parsed._aws.Timestamp).toBe(1_700_000_000_123);
    expect(parsed._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'NDF/Api',
        Dimensions: [['Api']],
        Metrics: [
          { Name: 'requests', Unit: 'Count', StorageResolution: 1 },
          { Name: 'latency.ms', Unit: 'Milliseconds', StorageResolution: 1 },
        ],
      },
    ]);
    expect(parsed).toMatchObject({ Api: 'ingest-api', requests: 1, 'latency.ms': 12, status: 200, route: 'GET /v1/notes' });
  });

  it('splits more than 100 metrics into directives of at most 100, as the specification requires', () => {
    const values: Record<string, EmfValue> = {};
    for (let index = 0; index < 250; index += 1) values[`m${index}`] = { value: index, unit: 'None' };
    const parsed = JSON.parse(emfLine({ namespace: 'NDF/Services', dimensions: { Service: 'ocr' }, values, timestamp: 0 })) as Parsed;
    expect(parsed._aws.CloudWatchMetrics.map((directive) => directive.Metrics.length)).toEqual([100, 100, 50]);
    expect(parsed.m249).toBe(249);
  });
});
