import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { API_METRIC, SERVICE_METRIC, type Catalog } from '@ndf/catalog';
import { apiMetric, serviceMetric } from '../alarms/metrics.js';

export interface PlatformDashboardProps {
  readonly catalog: Catalog;
  readonly pages: readonly cloudwatch.IAlarm[];
  readonly dashboardName: string;
}

/** The whole platform on one screen: which component pages, the ingest path's health, every service's flow and lag. */
export function platformDashboard(scope: Construct, { catalog, pages, dashboardName }: PlatformDashboardProps): cloudwatch.Dashboard {
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard-platform', { dashboardName });
  const everyService = (metric: string, statistic: string) =>
    catalog.services.map((service) => serviceMetric(service.name, metric, statistic).with({ label: service.name }));
  dashboard.addWidgets(
    new cloudwatch.AlarmStatusWidget({ title: 'Who needs the on-call engineer', alarms: [...pages], width: 24, height: 4 }),
  );
  for (const api of catalog.apis) {
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${api.name}: requests and 5xx per 10 s`,
        left: [apiMetric(api.name, API_METRIC.requests, 'Sum')],
        right: [apiMetric(api.name, API_METRIC.serverErrors, 'Sum')],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: `${api.name}: latency (ms)`,
        left: [apiMetric(api.name, API_METRIC.latencyMs, 'p50'), apiMetric(api.name, API_METRIC.latencyMs, 'p99')],
        width: 12,
      }),
    );
  }
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Messages handled per 10 s, by service',
      left: everyService(SERVICE_METRIC.succeeded, 'Sum'),
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Oldest message (s), by service',
      left: everyService(SERVICE_METRIC.oldestMessageAgeSeconds, 'Maximum'),
      width: 12,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Quarantined per 10 s, by service',
      left: everyService(SERVICE_METRIC.quarantined, 'Sum'),
      width: 12,
    }),
    new cloudwatch.GraphWidget({
      title: 'Open breakers, by service',
      left: everyService(SERVICE_METRIC.breakersOpen, 'Maximum'),
      width: 12,
    }),
  );
  return dashboard;
}
