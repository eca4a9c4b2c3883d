import {
  ALARM_PERIOD_SECONDS,
  API_ALARMS,
  API_METRIC,
  BREAKER_OPEN_PERIODS,
  pagingCounterRunbook,
  PROCESS_EXITED_METRIC,
  SERVICE_METRIC,
  type ApiEntry,
  type Catalog,
  type ServiceAlarms,
  type ServiceEntry,
  type StreamRouterEntry,
} from '@ndf/catalog';
import type { AlertRule } from './types.js';

const PERIOD_MS = ALARM_PERIOD_SECONDS * 1000;
/** Held this many periods in a row, as CloudWatch's datapoints-to-alarm counts them (the first one opens the streak). */
const forPeriods = (periods: number): number => (periods - 1) * PERIOD_MS;
/** False this long, every rule of a component, before its alert resolves: a condition on the edge does not page twice. */
export const CLEAR_MS = 2 * PERIOD_MS;
/** Seconds since a component's last heartbeat, which the monitor derives from the heartbeat metric's last report. */
export const HEARTBEAT_AGE_METRIC = 'heartbeat_age_seconds';
type RuleFields = Omit<AlertRule, 'id' | 'clearMs' | 'missingIsBreaching'> & { readonly missingIsBreaching?: boolean };

function rule(fields: RuleFields): AlertRule {
  return { missingIsBreaching: false, clearMs: CLEAR_MS, ...fields, id: `${fields.component} ${fields.runbook}` };
}

/** Any component's process (a service, a router, an API's local adapter) that exits unexpectedly pages at once. */
function exitRule(component: string): AlertRule {
  return rule({
    component,
    runbook: 'process-exited',
    summary: `${component} exited unexpectedly`,
    metric: PROCESS_EXITED_METRIC,
    comparison: 'at-least',
    threshold: 1,
    forMs: 0,
  });
}

/** What a service and a stream router share: a poison pill quarantined, the heartbeat gone, the process exited. */
function processRules(component: string, alarms: ServiceAlarms): AlertRule[] {
  return [
    exitRule(component),
    rule({
      component,
      runbook: 'message-quarantined',
      summary: `${component} quarantined a message`,
      metric: SERVICE_METRIC.quarantined,
      comparison: 'at-least',
      threshold: alarms.quarantinedMessages,
      forMs: 0,
    }),
    rule({
      component,
      runbook: 'heartbeat-missing',
      summary: `${component} has not reported for ${alarms.heartbeatMissingSeconds} s: it is down or stuck`,
      metric: HEARTBEAT_AGE_METRIC,
      comparison: 'above',
      threshold: alarms.heartbeatMissingSeconds,
      missingIsBreaching: true,
      forMs: 0,
    }),
  ];
}

function serviceRules(service: ServiceEntry): AlertRule[] {
  const { name, alarms } = service;
  const counters = (alarms.pagingCounters ?? []).map((counter) => {
    const runbook = pagingCounterRunbook(counter);
    return rule({
      component: name,
      runbook,
      summary: `${name} counted ${counter}`,
      metric: counter,
      comparison: 'at-least',
      threshold: 1,
      forMs: 0,
    });
  });
  return [
    ...processRules(name, alarms),
    rule({
      component: name,
      runbook: 'queue-lagging',
      summary: `${name} started a message older than ${alarms.maxMessageAgeSeconds} s: its queue is behind`,
      metric: SERVICE_METRIC.oldestMessageAgeSeconds,
      comparison: 'above',
      threshold: alarms.maxMessageAgeSeconds,
      forMs: 0,
    }),
    rule({
      component: name,
      runbook: 'breaker-open',
      summary: `A dependency of ${name} keeps failing: its breaker is open and it has stopped taking messages`,
      metric: SERVICE_METRIC.breakersOpen,
      comparison: 'at-least',
      threshold: 1,
      forMs: forPeriods(BREAKER_OPEN_PERIODS),
    }),
    ...counters,
  ];
}

function routerRules(router: StreamRouterEntry): AlertRule[] {
  return [
    ...processRules(router.name, router.alarms),
    rule({
      component: router.name,
      runbook: 'stream-lagging',
      summary: `${router.name} reads the stream more than ${router.alarms.maxMessageAgeSeconds} s behind`,
      metric: SERVICE_METRIC.streamIteratorAgeMs,
      comparison: 'above',
      threshold: router.alarms.maxMessageAgeSeconds * 1000,
      forMs: 0,
    }),
  ];
}

/** The p99 latency (ms) over which an API pages: its share of the handler's deadline. */
export const apiLatencyThresholdMs = (api: ApiEntry): number => Math.round(api.deadlineMs * API_ALARMS.latencyShareOfDeadline);

function apiRules(api: ApiEntry): AlertRule[] {
  return [
    exitRule(api.name),
    rule({
      component: api.name,
      runbook: 'api-server-errors',
      summary: `${api.name} answered ${API_ALARMS.serverErrorsPerPeriod} or more 5xx in ${ALARM_PERIOD_SECONDS} s`,
      metric: API_METRIC.serverErrors,
      comparison: 'at-least',
      threshold: API_ALARMS.serverErrorsPerPeriod,
      forMs: forPeriods(API_ALARMS.serverErrorPeriods),
    }),
    rule({
      component: api.name,
      runbook: 'api-slow',
      summary: `${api.name} p99 latency above ${apiLatencyThresholdMs(api)} ms`,
      metric: API_METRIC.latencyMs,
      comparison: 'above',
      threshold: apiLatencyThresholdMs(api),
      forMs: forPeriods(API_ALARMS.slowPeriods),
    }),
  ];
}

/** Every rule the monitor evaluates, from the catalog's thresholds: the same as the cloud's alarms. */
export function rulesFromCatalog(catalog: Catalog): AlertRule[] {
  return [...catalog.services.flatMap(serviceRules), ...catalog.routers.flatMap(routerRules), ...catalog.apis.flatMap(apiRules)];
}
