import type { Alert, AlertEvent } from './types.js';

// What the local monitor knows, as the ops console, the `ops` command line and the alert
// benchmark read it: the JSON bodies of the monitor's HTTP API (see MONITOR_ROUTES).

export type ComponentKind = 'service' | 'router' | 'api' | 'canary';

/** One queue's depth as SQS reports it, polled by the monitor. */
export interface QueueDepth {
  readonly queue: string;
  readonly visible: number;
  readonly inFlight: number;
  /** Present when the queue says (the cloud does; the local emulator may not). */
  readonly oldestAgeSeconds?: number;
}

/** One component (a service, a stream router, an API, the canary) as it stands now. */
export interface ComponentStatus {
  readonly name: string;
  readonly kind: ComponentKind;
  /** Whether it reported within its heartbeat limit (an API: whether it answered a request or its health check recently). */
  readonly up: boolean;
  /** Epoch ms of its latest metrics document, if any was seen. */
  readonly lastSeenAt?: number;
  /** Per second over the last alarm period: received, succeeded, retried, quarantined (services); requests, status_5xx (APIs). */
  readonly rates: Readonly<Record<string, number>>;
  /** Over the last alarm period, in ms. */
  readonly latency?: { readonly p50: number; readonly p90: number; readonly p99: number };
  readonly inFlight?: number;
  readonly breakersOpen?: number;
  readonly queue?: QueueDepth;
  readonly deadLetters?: QueueDepth;
  /** The open alert of this component, if any. */
  readonly alertId?: string;
}

/** An edge of the pipeline graph: work flows from a component to another through a queue, a stream or a bucket. */
export interface PipelineEdge {
  readonly from: string;
  readonly to: string;
  readonly via: string;
}

export interface PlatformStatus {
  readonly at: number;
  readonly components: readonly ComponentStatus[];
  readonly edges: readonly PipelineEdge[];
}

export interface AlertsView {
  readonly open: readonly Alert[];
  /** Newest first, at most 200. */
  readonly recent: readonly AlertEvent[];
}

/** One alarm period of one component, for the console's charts (the last hour). */
export interface SeriesPoint {
  /** Epoch ms at the start of the period. */
  readonly at: number;
  /** Counts within the period. */
  readonly counts: Readonly<Record<string, number>>;
  readonly latency?: { readonly p50: number; readonly p90: number; readonly p99: number };
}

export interface SeriesView {
  readonly component: string;
  readonly periodSeconds: number;
  readonly points: readonly SeriesPoint[];
}

/** One log line of one process, as collected locally (JSON lines of the runtime's logger, parsed). */
export interface LogLine {
  readonly at: number;
  /** The service (or API, router, canary) that wrote it. */
  readonly component: string;
  readonly level: string;
  readonly event?: string;
  readonly correlationId?: string;
  /** Every field of the line as written. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Errors of one kind across services: the same error code or name. */
export interface ErrorGroup {
  readonly kind: string;
  readonly components: readonly string[];
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly example: LogLine;
}

/** The platform's collected log lines, searched: the monitor's `logs` and `errors` read them. */
export interface LogSearch {
  /** The lines that name the id (a correlation, note or receipt id), in time order, at most `limit`. */
  search(id: string, limit: number): LogLine[];
  /** The errors of the last `minutes`, grouped by kind. */
  errorGroups(minutes: number): ErrorGroup[];
}

/** What the monitor serves (all GET, JSON, on 127.0.0.1; an operator's bearer token required). */
export const MONITOR_ROUTES = {
  status: '/api/status',
  alerts: '/api/alerts',
  /** ?component=<name>&minutes=<1-60> */
  series: '/api/series',
  /** ?id=<correlation, note or receipt id>&limit=<n>: lines in time order. */
  logs: '/api/logs',
  /** ?minutes=<1-60> */
  errors: '/api/errors',
} as const;

/** The monitor's read side, as the console's server and tests use it in-process. */
export interface MonitorReadModel {
  status(): PlatformStatus;
  alerts(): AlertsView;
  series(component: string, minutes: number): SeriesView;
  logs(id: string, limit: number): LogLine[];
  errors(minutes: number): ErrorGroup[];
}

/** What flows through a component each second, by its kind: messages received, requests answered, stream records read. */
export function componentFlow(component: Pick<ComponentStatus, 'kind' | 'rates'>): {
  readonly perSecond: number | undefined;
  readonly unit: string;
} {
  if (component.kind === 'api') return { perSecond: component.rates.requests, unit: 'req/s' };
  if (component.kind === 'router') return { perSecond: component.rates.stream_records, unit: 'records/s' };
  return { perSecond: component.rates.received, unit: 'in/s' };
}
