import { describe, expect, it } from 'vitest';
import { catalog } from '@ndf/catalog';
import { CLEAR_MS, rulesFromCatalog, type AlertEvent } from '@ndf/alerting';
import { LocalReadModel, Monitor, NO_LOGS, type QuarantineIds } from '../src/index.js';
import { apiRequest, serviceSecond } from './emf-lines.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** A monitor on a clock the test moves, watching one component's rules. */
function monitorOf(component: string, options: { quarantine?: QuarantineIds; heartbeatGraceMs?: number } = {}) {
  let now = T0;
  const monitor = new Monitor({
    catalog,
    clock: () => now,
    rules: rulesFromCatalog(catalog).filter((rule) => rule.component === component),
    heartbeatGraceMs: options.heartbeatGraceMs ?? 30_000,
    ...(options.quarantine ? { quarantine: options.quarantine } : {}),
  });
  const events: AlertEvent[] = [];
  /** Moves on one second at a time, writing what `write` gives for each second, evaluating after each. */
  const run = async (seconds: number, write: (at: number) => readonly string[] = () => []) => {
    for (let step = 0; step < seconds; step += 1) {
      for (const line of write(now)) monitor.ingest(line);
      now += 1_000;
      events.push(...(await monitor.tick()));
    }
  };
  const heartbeat = (at: number) => [serviceSecond(component, at)];
  return { monitor, events, run, heartbeat, now: () => now };
}

const kinds = (events: readonly AlertEvent[]) => events.map((event) => `${event.kind} ${event.alert.evidence.at(-1)?.runbook}`);

describe('the monitor evaluates the catalog rules as CloudWatch would', () => {
  it('opens a quarantine alert at the first quarantined message, names its ids, and resolves once a period and the clear time have passed', async () => {
    const quarantine: QuarantineIds = { newest: async (service) => (service === 'ocr' ? ['corr-7'] : []) };
    const { events, run, heartbeat } = monitorOf('ocr', { quarantine });
    await run(5, heartbeat);
    expect(events).toEqual([]);
    await run(1, (at) => [serviceSecond('ocr', at, { counts: { quarantined: 1 } })]);
    expect(kinds(events)).toEqual(['opened message-quarantined']);
    expect(events[0]!.alert.correlationIds).toEqual(['corr-7']);
    expect(events[0]!.alert.evidence[0]!.seen).toBe('quarantined 1 over the last 10 s');

    // The count stays in the window for one period, then the alert clears after CLEAR_MS.
    await run(9, heartbeat);
    expect(events).toHaveLength(1);
    await run(1 + CLEAR_MS / 1000, heartbeat);
    expect(kinds(events)).toEqual(['opened message-quarantined', 'resolved message-quarantined']);
  });

  it('pages a heartbeat gone for more than 10 s, and one never heard of only after the grace from the start', async () => {
    const stopped = monitorOf('format-sniffer');
    // The last heartbeat is of the third second; ten seconds on, its age is 10 s: not yet above the limit.
    await stopped.run(3, stopped.heartbeat);
    await stopped.run(9);
    expect(stopped.events).toEqual([]);
    await stopped.run(1);
    expect(kinds(stopped.events)).toEqual(['opened heartbeat-missing']);
    expect(stopped.events[0]!.alert.evidence[0]!.seen).toBe('last heartbeat 11 s ago');

    const silent = monitorOf('receipt-parser', { heartbeatGraceMs: 20_000 });
    await silent.run(19);
    expect(silent.events).toEqual([]);
    await silent.run(1);
    expect(kinds(silent.events)).toEqual(['opened heartbeat-missing']);
  });

  it('pages an open breaker held two periods in a row (its highest value in each window)', async () => {
    const { events, run } = monitorOf('receipt-intake');
    await run(10, (at) => [serviceSecond('receipt-intake', at, { gauges: { breakers_open: 1 } })]);
    expect(events).toEqual([]);
    await run(1, (at) => [serviceSecond('receipt-intake', at, { gauges: { breakers_open: 1 } })]);
    expect(kinds(events)).toEqual(['opened breaker-open']);
  });

  it("pages the API's 5xx burst once ten are in the window, with the failed requests' correlation ids", async () => {
    const { events, run } = monitorOf('ingest-api');
    let request = 0;
    const burst = (at: number) => [
      apiRequest('ingest-api', at, { status: 500, correlationId: `req-${++request}` }),
      apiRequest('ingest-api', at, { status: 503, correlationId: `req-${++request}` }),
      apiRequest('ingest-api', at),
    ];
    // Two 5xx a second: eight in the window after four seconds, ten after five.
    await run(4, burst);
    expect(events).toEqual([]);
    await run(1, burst);
    expect(kinds(events)).toEqual(['opened api-server-errors']);
    // The failed requests of the window (its current second has none yet).
    expect(events[0]!.alert.correlationIds).toEqual(Array.from({ length: 10 }, (_, index) => `req-${index + 1}`));
  });

  it("pages the API's p99 over a third of its deadline held three periods, the p99 of the window's requests", async () => {
    const { events, run } = monitorOf('ingest-api');
    const api = catalog.apis.find((entry) => entry.name === 'ingest-api')!;
    const slow = (at: number) => [
      ...Array.from({ length: 98 }, () => apiRequest('ingest-api', at, { latencyMs: 10 })),
      apiRequest('ingest-api', at, { latencyMs: api.deadlineMs }),
      apiRequest('ingest-api', at, { latencyMs: api.deadlineMs }),
    ];
    // Breaching from the first second: held two more periods, it pages.
    await run(20, slow);
    expect(events).toEqual([]);
    await run(1, slow);
    expect(kinds(events)).toEqual(['opened api-slow']);
    expect(events[0]!.alert.evidence[0]!.seen).toBe(`latency_ms p99 ${api.deadlineMs} ms over the last 10 s (900 requests)`);
  });

  it('opens process-exited at the first evaluation after an unexpected exit', async () => {
    const { monitor, events, run, heartbeat, now } = monitorOf('ocr');
    await run(3, heartbeat);
    monitor.processExited('ocr', now());
    await run(1, heartbeat);
    expect(kinds(events)).toEqual(['opened process-exited']);
  });

  it('pages a reconciler redrive at once: a stalled receipt found', async () => {
    const { events, run, heartbeat } = monitorOf('reconciler');
    await run(2, heartbeat);
    await run(1, (at) => [serviceSecond('reconciler', at, { counts: { reconciler_redriven: 1 } })]);
    expect(kinds(events)).toEqual(['opened counter-reconciler-redriven']);
  });

  it('calls the listeners with each event, and a failing one stops neither the others nor the evaluation', async () => {
    const errors: unknown[] = [];
    let now = T0;
    const monitor = new Monitor({ catalog, clock: () => now, onError: (error) => errors.push(error) });
    const heard: string[] = [];
    monitor.onAlertEvents(() => {
      throw new Error('delivery down');
    });
    monitor.onAlertEvents((event) => void heard.push(`${event.kind} ${event.alert.component}`));
    monitor.processExited('ocr', now);
    now += 1_000;
    await monitor.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['opened ocr']);
    expect(errors).toEqual([new Error('delivery down')]);
  });
});

describe('the read model', () => {
  it('gives the status of every catalog component, the pipeline, the alerts and the last periods', async () => {
    const { monitor, run } = monitorOf('ocr');
    await run(12, (at) => [serviceSecond('ocr', at, { counts: { received: 2, succeeded: 2 }, gauges: { in_flight: 1 } })]);
    monitor.processExited('ocr', monitor.now());
    await run(1);
    const model = new LocalReadModel({
      monitor,
      prefix: 'ndf-',
      logSearch: NO_LOGS,
      queues: { of: () => ({ queue: { queue: 'ndf-ocr', visible: 4, inFlight: 1 } }) },
    });
    const status = model.status();
    expect(status.components.map((component) => component.name).sort()).toEqual(
      [...catalog.services, ...catalog.routers, ...catalog.apis].map((component) => component.name).sort(),
    );
    const ocr = status.components.find((component) => component.name === 'ocr')!;
    expect(ocr).toMatchObject({ kind: 'service', up: true, inFlight: 1, queue: { visible: 4 }, alertId: model.alerts().open[0]!.id });
    // The window ending now holds the eight seconds written since its start: 16 received in 10 s.
    expect(ocr.rates.received).toBe(1.6);
    expect(status.components.find((component) => component.name === 'format-sniffer')!.up).toBe(false);
    expect(status.edges).toContainEqual({ from: 'stream-router', to: 'note-enricher', via: 'ndf-note-enricher' });
    expect(model.alerts().recent.map((event) => event.kind)).toEqual(['opened']);
    const series = model.series('ocr', 1);
    expect(series.points).toHaveLength(6);
    expect(series.points.reduce((sum, point) => sum + (point.counts.received ?? 0), 0)).toBe(24);
  });
});
