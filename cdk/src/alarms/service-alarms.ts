import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { BREAKER_OPEN_PERIODS, SERVICE_METRIC, type ServiceDeployment, type ServiceEntry } from '@ndf/catalog';
import type { ServiceQueues } from '../constructs/service-queue.js';
import { AlarmSet, type AlarmSettings } from './alarm-set.js';
import { pagingCounterRunbook } from './runbooks.js';
import { heartbeatSilentPeriods, heartbeatsPerPeriod } from './heartbeat.js';
import { AWS_METRIC_PERIOD, HIGH_RESOLUTION_PERIOD, serviceMetric } from './metrics.js';

const {
  GREATER_THAN_OR_EQUAL_TO_THRESHOLD: GREATER_THAN_OR_EQUAL_TO,
  GREATER_THAN_THRESHOLD,
  LESS_THAN_THRESHOLD,
} = cloudwatch.ComparisonOperator;

/** The id of the alarm on a catalog paging counter: `reconciler_gave_up` pages as `<service> reconciler-gave-up`. */
export const pagingCounterAlarmId = (counter: string): string => counter.replaceAll('_', '-');

export interface ServiceAlarmsProps {
  readonly entry: ServiceEntry;
  readonly deployment: ServiceDeployment;
  readonly queues: ServiceQueues;
  readonly topic: sns.ITopic;
  readonly settings: AlarmSettings;
}

/**
 * What pages for one service, from its catalog entry. On the runtime's metrics, at 10 s:
 * a poison pill quarantined, the oldest message too old, a breaker open for 30 s, the
 * heartbeat gone. On SQS's own (per minute), as a net under those: the queue's oldest
 * message too old even when no task reports anything, and a DLQ the runtime no longer sweeps.
 */
export function serviceAlarms(
  scope: Construct,
  { entry, deployment, queues, topic, settings }: ServiceAlarmsProps,
): { set: AlarmSet; page: cloudwatch.CompositeAlarm } {
  const set = new AlarmSet(scope, entry.name, settings);
  set.add({
    id: 'quarantined',
    runbook: 'message-quarantined',
    description: `${entry.name} quarantined a message: a poison pill, or one that exhausted its ${entry.limits.maxAttempts} attempts (see its quarantine)`,
    metric: serviceMetric(entry.name, SERVICE_METRIC.quarantined, 'Sum'),
    threshold: entry.alarms.quarantinedMessages,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: 1,
  });
  set.add({
    id: 'lagging',
    runbook: 'queue-lagging',
    description: `${entry.name} started a message older than ${entry.alarms.maxMessageAgeSeconds} s: its queue is behind`,
    metric: serviceMetric(entry.name, SERVICE_METRIC.oldestMessageAgeSeconds, 'Maximum'),
    threshold: entry.alarms.maxMessageAgeSeconds,
    comparison: GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });
  set.add({
    id: 'breaker-open',
    runbook: 'breaker-open',
    description: `A dependency of ${entry.name} has failed for 30 s: its breaker is open and the service has stopped taking messages`,
    metric: serviceMetric(entry.name, SERVICE_METRIC.breakersOpen, 'Maximum'),
    threshold: 1,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: BREAKER_OPEN_PERIODS,
  });
  const silentPeriods = heartbeatSilentPeriods(entry.alarms.heartbeatMissingSeconds);
  const heartbeat = set.add({
    id: 'heartbeat-missing',
    runbook: 'heartbeat-missing',
    description: `No task of ${entry.name} has reported for ${silentPeriods * HIGH_RESOLUTION_PERIOD.toSeconds()} s: it is down, stuck, or cannot write its logs`,
    metric: heartbeatsPerPeriod(entry.name),
    threshold: 1,
    comparison: LESS_THAN_THRESHOLD,
    evaluationPeriods: silentPeriods,
    missingIsBreaching: true,
  });
  set.add({
    id: 'queue-lagging',
    runbook: 'queue-lagging',
    description: `The oldest message in the queue of ${entry.name} is older than ${entry.alarms.maxMessageAgeSeconds} s (SQS's own count)`,
    metric: queues.queue.metricApproximateAgeOfOldestMessage({ period: AWS_METRIC_PERIOD, statistic: 'Maximum' }),
    threshold: entry.alarms.maxMessageAgeSeconds,
    comparison: GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });
  set.add({
    id: 'dead-letters-unswept',
    runbook: 'dead-letters-unswept',
    description: `Messages have sat in the DLQ of ${entry.name} for 5 minutes: the runtime moves them to quarantine, so it is not running or cannot`,
    metric: queues.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: AWS_METRIC_PERIOD, statistic: 'Minimum' }),
    threshold: 1,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: 5,
  });
  for (const counter of entry.alarms.pagingCounters ?? []) {
    set.add({
      id: pagingCounterAlarmId(counter),
      runbook: pagingCounterRunbook(counter),
      description: `${entry.name} counted ${counter}: see its error lines for what and why`,
      metric: serviceMetric(entry.name, counter, 'Sum'),
      threshold: 1,
      comparison: GREATER_THAN_OR_EQUAL_TO,
      evaluationPeriods: 1,
    });
  }
  // A service allowed to idle at zero tasks has no heartbeat when idle; its queue's own age speaks for it.
  const rule = deployment.minTasks === 0 ? cloudwatch.AlarmRule.anyOf(...set.alarms.filter((alarm) => alarm !== heartbeat)) : undefined;
  return { set, page: set.page(topic, rule) };
}
