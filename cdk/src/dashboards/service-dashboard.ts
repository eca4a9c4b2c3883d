import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { SERVICE_METRIC, type ServiceEntry } from '@ndf/catalog';
import { AWS_METRIC_PERIOD, serviceMetric } from '../alarms/metrics.js';
import { runningTasks } from '../constructs/backlog-scaling.js';
import type { ServiceQueues } from '../constructs/service-queue.js';

export interface ServiceDashboardProps {
  readonly entry: ServiceEntry;
  readonly queues: ServiceQueues;
  readonly alarms: readonly cloudwatch.IAlarm[];
  readonly clusterName: string;
  readonly dashboardPrefix: string;
}

/** One service at a glance: its alarms, its flow of messages, its lag, its tasks, its handling time, its queues. */
export function serviceDashboard(
  scope: Construct,
  { entry, queues, alarms, clusterName, dashboardPrefix }: ServiceDashboardProps,
): cloudwatch.Dashboard {
  const name = entry.name;
  const dashboard = new cloudwatch.Dashboard(scope, `Dashboard-${name}`, {
    dashboardName: `${dashboardPrefix}${name}`,
    defaultInterval: undefined,
  });
  const perPeriod = (metric: string) => serviceMetric(name, metric, 'Sum');
  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: `# ${name}\n${entry.description}`, width: 24, height: 2 }),
    new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms], width: 24, height: 3 }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Messages per 10 s',
      left: [
        perPeriod(SERVICE_METRIC.received),
        perPeriod(SERVICE_METRIC.succeeded),
        perPeriod(SERVICE_METRIC.retried),
        perPeriod(SERVICE_METRIC.quarantined),
      ],
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Oldest message (s)',
      left: [
        serviceMetric(name, SERVICE_METRIC.oldestMessageAgeSeconds, 'Maximum'),
        queues.queue.metricApproximateAgeOfOldestMessage({ period: AWS_METRIC_PERIOD, statistic: 'Maximum' }),
      ],
      leftAnnotations: [{ value: entry.alarms.maxMessageAgeSeconds, label: 'pages above', color: cloudwatch.Color.RED }],
      width: 12,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Tasks and messages in hand',
      left: [runningTasks(clusterName, name)],
      right: [serviceMetric(name, SERVICE_METRIC.inFlight, 'Maximum')],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Handling time (ms)',
      left: [serviceMetric(name, 'handler_ms.p50', 'Maximum'), serviceMetric(name, 'handler_ms.p99', 'Maximum')],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Queue and DLQ',
      left: [
        queues.queue.metricApproximateNumberOfMessagesVisible({ period: AWS_METRIC_PERIOD, label: 'waiting' }),
        queues.queue.metricApproximateNumberOfMessagesNotVisible({ period: AWS_METRIC_PERIOD, label: 'in flight' }),
        queues.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: AWS_METRIC_PERIOD, label: 'dead letters' }),
      ],
      right: [serviceMetric(name, SERVICE_METRIC.breakersOpen, 'Maximum')],
      width: 8,
    }),
  );
  return dashboard;
}
