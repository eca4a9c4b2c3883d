import { ALARM_PERIOD_SECONDS } from '@ndf/catalog';
import { HEARTBEAT_AGE_METRIC, type AlertRule } from '@ndf/alerting';
import type { ComponentMetrics } from '../store/component-metrics.js';

/** What the monitor read for one rule at one time: the value its threshold is compared with, and the words for a person. */
export interface RuleReading {
  /** Undefined: nobody reported the metric within the window. */
  readonly value: number | undefined;
  readonly seen: string;
}

export interface ReadContext {
  /** Epoch ms. */
  readonly now: number;
  /** When the monitor started: a component never heard of is not missing before `heartbeatGraceMs` past it. */
  readonly startedAt: number;
  readonly heartbeatGraceMs: number;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * The alarm window ending now: the last ALARM_PERIOD_SECONDS seconds, the current one included
 * (an API's request lines arrive within their second; a service's document, once its second is over).
 */
export function alarmWindow(now: number): { readonly from: number; readonly to: number } {
  const second = Math.floor(now / 1000);
  return { from: (second - ALARM_PERIOD_SECONDS + 1) * 1000, to: (second + 1) * 1000 };
}

function heartbeatAge(metrics: ComponentMetrics | undefined, { now, startedAt, heartbeatGraceMs }: ReadContext): RuleReading {
  const last = metrics?.lastHeartbeatAt;
  if (last !== undefined) {
    const age = round(Math.max(0, now - last) / 1000);
    return { value: age, seen: `last heartbeat ${age} s ago` };
  }
  const waited = round(Math.max(0, now - startedAt) / 1000);
  if (now - startedAt < heartbeatGraceMs) return { value: 0, seen: `no heartbeat yet, ${waited} s after the monitor started` };
  return { value: undefined, seen: `no heartbeat since the monitor started ${waited} s ago` };
}

/**
 * Reads a rule's metric as CloudWatch evaluates the cloud alarm on it over one period: the sum of
 * a count, the maximum of a gauge, the p99 of the API's latency; the heartbeat's age in seconds.
 */
export function readRule(rule: AlertRule, metrics: ComponentMetrics | undefined, context: ReadContext): RuleReading {
  if (rule.metric === HEARTBEAT_AGE_METRIC) return heartbeatAge(metrics, context);
  const { from, to } = alarmWindow(context.now);
  const window = metrics?.window(from, to);
  const over = `over the last ${ALARM_PERIOD_SECONDS} s`;
  const latency = window?.latencies.get(rule.metric);
  if (latency !== undefined && latency.count > 0) {
    const p99 = Math.round(latency.percentile(0.99));
    return { value: p99, seen: `${rule.metric} p99 ${p99} ms ${over} (${latency.count} requests)` };
  }
  const sum = window?.sums.get(rule.metric);
  if (sum !== undefined) return { value: sum, seen: `${rule.metric} ${sum} ${over}` };
  const gauge = window?.gauges.get(rule.metric);
  if (gauge !== undefined) return { value: gauge, seen: `${rule.metric} up to ${gauge} ${over}` };
  return { value: undefined, seen: `no ${rule.metric} reported ${over}` };
}
