import type { Alert, ComponentStatus, LogLine, MonitorReadModel, SeriesPoint } from '@ndf/alerting';

// Fixture data standing in for the monitor's read model (packages/monitor builds the real one):
// a small pipeline with one open alert, an hour of series, log lines and error groups. Everything
// else the console's tests use is real: the quarantine on DynamoDB Local, the notes table, the
// token issuer.

const PERIOD_SECONDS = 10;

export const OCR_ALERT: Alert = {
  id: 'alert-ocr-1',
  component: 'ocr',
  runbook: 'queue-lagging',
  since: Date.now() - 95_000,
  openedAt: Date.now() - 80_000,
  ruleIds: ['ocr queue-age'],
  runbooks: ['queue-lagging'],
  evidence: [
    { at: Date.now() - 5_000, since: Date.now() - 95_000, ruleId: 'ocr queue-age', runbook: 'queue-lagging', seen: 'oldest message 184 s' },
  ],
  correlationIds: ['corr-fixture-1'],
};

const COMPONENTS: ComponentStatus[] = [
  { name: 'ingest-api', kind: 'api', up: true, rates: { requests: 12.4, status_5xx: 0 }, latency: { p50: 18, p90: 41, p99: 95 } },
  { name: 'notes-router', kind: 'router', up: true, rates: { received: 8.1 } },
  service('receipt-intake', 6.2, 0),
  service('format-sniffer', 6.1, 2),
  { ...service('ocr', 2.3, 57), alertId: OCR_ALERT.id },
  service('receipt-parser', 2.2, 0),
  { name: 'canary', kind: 'canary', up: true, rates: { received: 0.1, succeeded: 0.1 } },
];

function service(name: string, rate: number, backlog: number): ComponentStatus {
  return {
    name,
    kind: 'service',
    up: true,
    lastSeenAt: Date.now(),
    rates: { received: rate, succeeded: rate, retried: 0, quarantined: 0 },
    latency: { p50: 40, p90: 120, p99: 300 },
    inFlight: 1,
    breakersOpen: 0,
    queue: { queue: `ndf-${name}`, visible: backlog, inFlight: 1 },
    deadLetters: { queue: `ndf-${name}-dlq`, visible: 0, inFlight: 0 },
  };
}

function points(component: string, minutes: number): SeriesPoint[] {
  const count = (minutes * 60) / PERIOD_SECONDS;
  const start = Math.floor(Date.now() / 10_000) * 10_000 - count * PERIOD_SECONDS * 1_000;
  const seed = component.length;
  return Array.from({ length: count }, (_, index) => {
    const wave = Math.sin((index + seed) / 12);
    return {
      at: start + index * PERIOD_SECONDS * 1_000,
      counts: {
        received: Math.round(60 + 25 * wave),
        succeeded: Math.round(58 + 25 * wave),
        retried: index % 40 === 7 ? 3 : 0,
        quarantined: index % 90 === 45 ? 1 : 0,
      },
      latency: { p50: 40 + 10 * wave, p90: 110 + 30 * wave, p99: 260 + 80 * Math.abs(wave) },
    };
  });
}

const LINES: LogLine[] = [
  line(3_000, 'ingest-api', 'info', 'note-created'),
  line(2_000, 'receipt-intake', 'info', 'handled'),
  line(1_000, 'ocr', 'warn', 'handler-failed', { errorName: 'TimeoutError', attempt: 2 }),
];

function line(agoMs: number, component: string, level: string, event: string, extra: Record<string, unknown> = {}): LogLine {
  const at = Date.now() - agoMs;
  return {
    at,
    component,
    level,
    event,
    correlationId: 'corr-fixture-1',
    fields: { time: at, level, event, correlationId: 'corr-fixture-1', ...extra },
  };
}

export function fixtureReadModel(): MonitorReadModel {
  return {
    status: () => ({
      at: Date.now(),
      components: COMPONENTS,
      edges: [
        { from: 'ingest-api', to: 'notes-router', via: 'notes stream' },
        { from: 'ingest-api', to: 'receipt-intake', via: 'receipts bucket' },
        { from: 'receipt-intake', to: 'format-sniffer', via: 'ndf-format-sniffer' },
        { from: 'format-sniffer', to: 'ocr', via: 'ndf-ocr' },
        { from: 'ocr', to: 'receipt-parser', via: 'ndf-receipt-parser' },
      ],
    }),
    alerts: () => ({ open: [OCR_ALERT], recent: [{ kind: 'opened', at: OCR_ALERT.openedAt, alert: OCR_ALERT }] }),
    series: (component, minutes) => ({ component, periodSeconds: PERIOD_SECONDS, points: points(component, minutes) }),
    logs: (id, limit) => LINES.filter((entry) => entry.correlationId === id).slice(0, limit),
    errors: () => [
      {
        kind: 'TimeoutError',
        components: ['ocr'],
        count: 4,
        firstSeen: Date.now() - 600_000,
        lastSeen: Date.now() - 1_000,
        example: LINES[2]!,
      },
    ],
  };
}
