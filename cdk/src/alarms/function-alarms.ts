import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { AlarmSet } from './alarm-set.js';
import { AWS_METRIC_PERIOD } from './metrics.js';

/** Lambda's own count of invocations that failed outright (a crash at start, a timeout): what a handler cannot report itself. */
export function addFunctionErrorsAlarm(set: AlarmSet, name: string, fn: lambda.IFunction): cloudwatch.Alarm {
  return set.add({
    id: 'function-errors',
    runbook: 'function-errors',
    description: `The ${name} function failed (crashed or timed out) instead of answering`,
    metric: fn.metricErrors({ period: AWS_METRIC_PERIOD, statistic: 'Sum' }),
    threshold: 1,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
  });
}
