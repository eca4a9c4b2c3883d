import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ALARM_PERIOD_SECONDS, API_METRICS_NAMESPACE, SERVICE_METRICS_NAMESPACE } from '@ndf/catalog';

/** The period of every alarm on the platform's own metrics: they are written at 1-second resolution. */
export const HIGH_RESOLUTION_PERIOD = Duration.seconds(ALARM_PERIOD_SECONDS);
/** AWS's own service metrics (SQS, Lambda, API Gateway) come once a minute. */
export const AWS_METRIC_PERIOD = Duration.minutes(1);

export function serviceMetric(service: string, metricName: string, statistic: string, period = HIGH_RESOLUTION_PERIOD): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: SERVICE_METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { Service: service },
    statistic,
    period,
  });
}

export function apiMetric(api: string, metricName: string, statistic: string, period = HIGH_RESOLUTION_PERIOD): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: API_METRICS_NAMESPACE, metricName, dimensionsMap: { Api: api }, statistic, period });
}
