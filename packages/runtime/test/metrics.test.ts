import { afterEach, describe, expect, it } from 'vitest';
import {
  EMF_NAMESPACE,
  MetricsRegistry,
  emitEmf,
  serveMetrics,
  startHeartbeat,
  toEmf,
  type MetricsServer,
} from '../src/observability/index.js';

/** A registry on a clock the test moves. */
function clocked(startMs = 1_700_000_000_000) {
  const clock = { ms: startMs };
  return { clock, registry: new MetricsRegistry({ now: () => clock.ms }) };
}

describe('MetricsRegistry', () => {
  it('counts per second, in totals and rates', () => {
    const { clock, registry } = clocked();
    const first = Math.floor(clock.ms / 1000);
    registry.increment('received', 3);
    registry.increment('received');
    clock.ms += 1_000;
    registry.increment('received', 2);
    registry.increment('quarantined');
    clock.ms += 1_000;

    const snapshot = registry.snapshot();
    expect(snapshot.counters).toEqual({ received: 6, quarantined: 1 });
    expect(snapshot.rates.lastSecond).toEqual({ received: 2, quarantined: 1 });
    expect(snapshot.rates.lastMinute).toEqual({ received: 3, quarantined: 0.5 });
    expect(registry.seconds(first).map((second) => [second.second, second.counters])).toEqual([
      [first, { received: 4, quarantined: 0 }],
      [first + 1, { received: 2, quarantined: 1 }],
    ]);
    expect(registry.seconds(first + 1)).toHaveLength(1);
  });

  it('keeps gauges per second as they stood at its end', () => {
    const { clock, registry } = clocked();
    const first = Math.floor(clock.ms / 1000);
    registry.gauge('in_flight', 4);
    registry.gauge('in_flight', 7);
    clock.ms += 1_000;
    registry.increment('received');
    clock.ms += 1_000;
    expect(registry.seconds(first).map((second) => second.gauges)).toEqual([{ in_flight: 7 }, { in_flight: 7 }]);
    expect(registry.snapshot().gauges).toEqual({ in_flight: 7 });
  });

  it('gives latency percentiles over the last minute, within 1%', () => {
    const { clock, registry } = clocked();
    for (let value = 1; value <= 1_000; value += 1) {
      registry.observe('handler_ms', value);
      if (value % 100 === 0) clock.ms += 1_000;
    }
    const latency = registry.snapshot().latencies.handler_ms;
    expect(latency?.count).toBe(1_000);
    expect(latency?.p50).toBeCloseTo(500, -1);
    expect(Math.abs((latency?.p50 ?? 0) - 500) / 500).toBeLessThan(0.01);
    expect(Math.abs((latency?.p90 ?? 0) - 900) / 900).toBeLessThan(0.01);
    expect(Math.abs((latency?.p99 ?? 0) - 990) / 990).toBeLessThan(0.01);
    expect(latency?.max).toBe(1_000);
    clock.ms += 61_000;
    expect(registry.snapshot().latencies.handler_ms).toBeUndefined();
  });

  it('keeps five minutes of seconds and forgets the rest', () => {
    const { clock, registry } = clocked();
    const first = Math.floor(clock.ms / 1000);
    for (let second = 0; second < 400; second += 1) {
      registry.increment('received');
      clock.ms += 1_000;
    }
    const series = registry.seconds(first);
    expect(series).toHaveLength(300);
    expect(series[0]?.second).toBe(first + 100);
    expect(registry.snapshot().counters.received).toBe(400);
  });

  it('records in constant time', () => {
    const registry = new MetricsRegistry();
    const startedAt = performance.now();
    for (let index = 0; index < 200_000; index += 1) {
      registry.increment('received');
      registry.observe('handler_ms', index % 500);
    }
    expect(performance.now() - startedAt).toBeLessThan(2_000);
  });
});

describe('toEmf', () => {
  it('writes one Embedded Metric Format document per second at 1-second resolution', () => {
    const line = toEmf(
      'ingest',
      {
        second: 1_700_000_000,
        counters: { received: 5 },
        gauges: { in_flight: 2 },
        latencies: { handler_ms: { count: 5, p50: 10, p90: 20, p99: 30, max: 31 } },
      },
      1_700_000_000_000,
    );
    expect(line).not.toContain('\n');
    const document = JSON.parse(line) as Record<string, unknown> & {
      _aws: {
        Timestamp: number;
        CloudWatchMetrics: {
          Namespace: string;
          Dimensions: string[][];
          Metrics: { Name: string; Unit: string; StorageResolution: number }[];
        }[];
      };
    };
    expect(document._aws.Timestamp).toBe(1_700_000_000_000);
    const [directive] = document._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe(EMF_NAMESPACE);
    expect(directive?.Dimensions).toEqual([['Service']]);
    expect(document.Service).toBe('ingest');
    expect(directive?.Metrics).toContainEqual({ Name: 'received', Unit: 'Count', StorageResolution: 1 });
    expect(directive?.Metrics).toContainEqual({ Name: 'handler_ms.p99', Unit: 'Milliseconds', StorageResolution: 1 });
    // Every metric and dimension named in a directive is a member of the root.
    for (const metric of directive?.Metrics ?? []) expect(typeof document[metric.Name]).toBe('number');
    for (const dimension of directive?.Dimensions.flat() ?? []) expect(typeof document[dimension]).toBe('string');
    expect(document.received).toBe(5);
    expect(document.in_flight).toBe(2);
    expect(document['handler_ms.p90']).toBe(20);
  });

  it('splits more than 100 metrics into several directives', () => {
    const counters = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`c${index}`, index]));
    const document = JSON.parse(toEmf('ingest', { second: 1, counters, gauges: {}, latencies: {} }, 1_000)) as {
      _aws: { CloudWatchMetrics: { Metrics: unknown[] }[] };
    };
    expect(document._aws.CloudWatchMetrics.map((directive) => directive.Metrics.length)).toEqual([100, 50]);
  });
});

describe('emitEmf and the heartbeat', () => {
  it('writes each second once, and what is left on stop', async () => {
    const registry = new MetricsRegistry();
    const lines: string[] = [];
    const stopHeartbeat = startHeartbeat(registry, { intervalMs: 20 });
    const stop = emitEmf(registry, { service: 'ingest', write: (line) => lines.push(line), intervalMs: 20 });
    registry.increment('received');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    stop();
    stopHeartbeat();
    const seconds = lines.map((line) => (JSON.parse(line) as { _aws: { Timestamp: number } })._aws.Timestamp);
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seconds).size).toBe(seconds.length);
    const heartbeats = lines.map((line) => (JSON.parse(line) as { heartbeat: number }).heartbeat);
    expect(heartbeats.every((beat) => Math.abs(beat - Date.now() / 1000) < 5)).toBe(true);
    expect(lines.map((line) => (JSON.parse(line) as { received: number }).received).reduce((sum, count) => sum + count, 0)).toBe(1);
  });
});

describe('serveMetrics', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => server?.stop());

  it('serves the snapshot, the series and the health over HTTP on the loopback', async () => {
    const registry = new MetricsRegistry();
    let healthy = true;
    server = await serveMetrics({
      registry,
      port: 0,
      service: 'ingest',
      health: () => ({ ok: healthy, detail: { open: healthy ? [] : ['table'] } }),
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    registry.increment('received', 2);
    registry.observe('handler_ms', 12);

    const metrics = (await (await fetch(`${server.url}/metrics`)).json()) as {
      service: string;
      counters: Record<string, number>;
      latencies: Record<string, { max: number }>;
    };
    expect(metrics.service).toBe('ingest');
    expect(metrics.counters.received).toBe(2);
    expect(metrics.latencies.handler_ms?.max).toBe(12);

    const series = await fetch(`${server.url}/metrics/series?since=0`);
    expect(series.status).toBe(200);
    expect(await series.json()).toMatchObject({ service: 'ingest', seconds: expect.any(Array) });
    expect((await fetch(`${server.url}/metrics/series?since=soon`)).status).toBe(400);

    const up = await fetch(`${server.url}/health`);
    expect(up.status).toBe(200);
    healthy = false;
    const down = await fetch(`${server.url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ service: 'ingest', ok: false, detail: { open: ['table'] } });
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });
});
