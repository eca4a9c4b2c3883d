import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SERVICE_METRIC } from '@ndf/catalog';
import { HIGH_RESOLUTION_PERIOD, serviceMetric } from './metrics.js';

/**
 * Periods without one heartbeat that page: the catalog's `heartbeatMissingSeconds` in periods,
 * and one more, so that a period whose log batch reaches CloudWatch late (the log driver sends
 * one every 5 s) is never read as silence: the older period of the two has had a whole period to arrive.
 */
export const heartbeatSilentPeriods = (heartbeatMissingSeconds: number): number =>
  Math.max(1, Math.ceil(heartbeatMissingSeconds / HIGH_RESOLUTION_PERIOD.toSeconds())) + 1;

/**
 * How many heartbeats a service's tasks reported in each period, 0 for a period without any.
 * The plain metric would not do: a silent period has no datapoint at all, and an alarm that
 * still finds older datapoints in its evaluation range judges on those and ignores the missing
 * ones (CloudWatch's documented rule), which would delay the page by the range's length.
 */
export function heartbeatsPerPeriod(service: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: 'FILL(beats, 0)',
    usingMetrics: { beats: serviceMetric(service, SERVICE_METRIC.heartbeat, 'SampleCount') },
    period: HIGH_RESOLUTION_PERIOD,
    label: `${service} heartbeats`,
  });
}
