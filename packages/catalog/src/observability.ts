// Names shared by what emits metrics (the runtime, the APIs) and what alarms on them (the
// CDK app), so that an alarm cannot watch a metric nobody writes.

/** Services' metrics (Embedded Metric Format, 1-second resolution), dimension `Service`. */
export const SERVICE_METRICS_NAMESPACE = 'Ndf/Services';
/** APIs' metrics, one EMF line per request, dimension `Api`. */
export const API_METRICS_NAMESPACE = 'Ndf/Apis';

export const SERVICE_METRIC = {
  quarantined: 'quarantined',
  oldestMessageAgeSeconds: 'oldest_message_age_seconds',
  /** How many of a process's breakers are open (0 when all are closed). */
  breakersOpen: 'breakers_open',
  heartbeat: 'heartbeat',
  inFlight: 'in_flight',
  received: 'received',
  succeeded: 'succeeded',
  retried: 'retried',
  streamIteratorAgeMs: 'stream_iterator_age_ms',
  streamRecords: 'stream_records',
  streamHandlerFailed: 'stream_handler_failed',
} as const;

export const API_METRIC = {
  requests: 'requests',
  serverErrors: 'status_5xx',
  clientErrors: 'status_4xx',
  latencyMs: 'latency_ms',
} as const;

/**
 * Unexpected exits of a component's process or task, counted by what supervises it (the local
 * supervisor, ECS's task-stopped events in the cloud), under the component's `Service` or `Api` dimension.
 */
export const PROCESS_EXITED_METRIC = 'process_exited';

/** How long a service finishes its in-flight messages after SIGTERM before it releases the rest. */
export const RUNTIME_DRAIN_MS = 10_000;

/**
 * The period of every alarm on the platform's own metrics (written at 1-second resolution), and
 * how many periods in a row a condition must hold before it pages: the cloud's alarms and the
 * local monitor read the same figures.
 */
export const ALARM_PERIOD_SECONDS = 10;
/** A breaker open this many periods in a row pages: a shorter outage is one it rides out. */
export const BREAKER_OPEN_PERIODS = 2;
export const API_ALARMS = {
  /**
   * 5xx answers in one period that page: a few are a dependency's blip the app retries; ten in
   * 10 s is an outage, paged in the period it starts (twice five in a row paged 10 s later).
   */
  serverErrorsPerPeriod: 10,
  serverErrorPeriods: 1,
  /** p99 latency over this share of the handler's deadline pages, held `slowPeriods` in a row. */
  latencyShareOfDeadline: 1 / 3,
  slowPeriods: 3,
} as const;

/**
 * The settings of the alert forwarder (the Lambda on the on-call topic that posts to the chat),
 * which the CDK app sets: the secret that holds the webhook's address (never the address), the
 * language and time zone of the messages, where runbooks are linked, the prefix of alarm names.
 */
export const ALERT_FORWARDER_ENVIRONMENT = {
  webhookSecret: 'NDF_ALERT_WEBHOOK_SECRET',
  language: 'NDF_ALERT_LANGUAGE',
  timeZone: 'NDF_ALERT_TIME_ZONE',
  runbookBaseUrl: 'NDF_RUNBOOK_BASE_URL',
  prefix: 'NDF_PREFIX',
} as const;
