import { describe, expect, it } from 'vitest';
import { MetricsRegistry, toEmf } from '@ndf/runtime';
import { MAX_COMPONENTS, MAX_METRIC_NAMES, MetricStore, parseEmf } from '../src/index.js';
import { apiRequest, serviceSecond } from './emf-lines.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

describe('EMF ingestion', () => {
  it("reads a service's document as the runtime writes it: counts, gauges and latency percentiles by their units", () => {
    let now = T0;
    const registry = new MetricsRegistry({ now: () => now });
    registry.increment('received', 3);
    registry.gauge('in_flight', 2);
    registry.observe('handler_ms', 40);
    now += 1_000;
    const [second] = registry.seconds(0);
    const reading = parseEmf(toEmf('ocr', second!, second!.second * 1000));
    expect(reading).toMatchObject({ namespace: 'Ndf/Services', component: 'ocr', timestamp: T0 });
    expect(reading.values).toEqual(
      expect.arrayContaining([
        { name: 'received', value: 3, unit: 'Count' },
        { name: 'in_flight', value: 2, unit: 'None' },
        { name: 'handler_ms.p99', value: 40, unit: 'Milliseconds' },
      ]),
    );
  });

  it("reads an API request's line with its correlation id as a property, not a metric", () => {
    const reading = parseEmf(apiRequest('ingest-api', T0, { status: 503, correlationId: 'c-1' }));
    expect(reading.component).toBe('ingest-api');
    expect(reading.properties).toEqual({ status: 503, correlationId: 'c-1' });
    expect(reading.values.map((datum) => datum.name).sort()).toEqual(['latency_ms', 'requests', 'status_5xx']);
  });

  it('counts and ignores a malformed line, and keeps taking the next ones', () => {
    const store = new MetricStore();
    const bad = [
      'not json at all',
      '{"_aws":',
      '{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Other/Thing","Dimensions":[["Service"]],"Metrics":[{"Name":"x","Unit":"Count"}]}]},"Service":"ocr","x":1}',
      '{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Ndf/Services","Dimensions":[["Service"]],"Metrics":[{"Name":"x","Unit":"Count"}]}]},"x":1}',
      '{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Ndf/Services","Dimensions":[["Service"]],"Metrics":[{"Name":"x","Unit":"Count"}]}]},"Service":"ocr","x":"1"}',
      '{"_aws":{"Timestamp":"now","CloudWatchMetrics":[]},"Service":"ocr"}',
      '[1,2,3]',
    ];
    for (const line of bad) expect(store.ingest(line)).toBe(false);
    expect(store.ingest(serviceSecond('ocr', T0))).toBe(true);
    expect(store.ingestCounts()).toEqual({ documents: 1, malformed: bad.length, refused: 0 });
    expect(store.known('ocr')?.lastHeartbeatAt).toBe(T0);
  });

  it('keeps a bounded number of components and seconds, whatever it is sent', () => {
    const store = new MetricStore();
    for (let index = 0; index < MAX_COMPONENTS + 10; index += 1) store.ingest(serviceSecond(`service-${index}`, T0));
    expect(store.ingestCounts()).toMatchObject({ documents: MAX_COMPONENTS, refused: 10 });

    // Ten minutes of one count a second: a window sees only its own seconds, the ring having turned twice.
    const metrics = store.of('service-0')!;
    for (let second = 0; second < 600; second += 1) metrics.add(T0 + second * 1000, 'received', 1, 'Count');
    expect(metrics.window(T0 + 590_000, T0 + 600_000)?.sums.get('received')).toBe(10);
    expect(metrics.window(T0, T0 + 10_000)).toBeUndefined();

    // A writer inventing names: the known ones keep counting, the ones past the limit are dropped.
    for (let index = 0; index < MAX_METRIC_NAMES + 5; index += 1) metrics.add(T0 + 599_000, `made_up_${index}`, 1, 'Count');
    metrics.add(T0 + 599_000, 'received', 1, 'Count');
    const last = metrics.window(T0 + 599_000, T0 + 600_000)!;
    expect(last.sums.get('received')).toBe(2);
    // Every name but the heartbeat, the one gauge it knew.
    expect(last.sums.size).toBe(MAX_METRIC_NAMES - 1);
    expect(metrics.droppedValues).toBe(7);
  });
});
