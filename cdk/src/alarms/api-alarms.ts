import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { API_ALARMS, API_METRIC } from '@ndf/catalog';
import type { DeployedApi } from '../stacks/ingest-stack.js';
import { AlarmSet, type AlarmSettings } from './alarm-set.js';
import { addFunctionErrorsAlarm } from './function-alarms.js';
import { AWS_METRIC_PERIOD, apiMetric } from './metrics.js';

const { GREATER_THAN_OR_EQUAL_TO_THRESHOLD: GREATER_THAN_OR_EQUAL_TO, GREATER_THAN_THRESHOLD } = cloudwatch.ComparisonOperator;

const SERVER_ERRORS_PER_PERIOD = API_ALARMS.serverErrorsPerPeriod;

/** p99 latency (ms) that pages: a share of the handler's deadline (the catalog's). */
export const latencyThresholdMs = (api: DeployedApi): number => Math.round(api.entry.deadlineMs * API_ALARMS.latencyShareOfDeadline);

/**
 * What pages for an API. On its handler's own metrics, at 10 s: 5xx answers and p99 latency.
 * On AWS's (per minute): the gateway's 5xx and the function's throttles and errors, which
 * catch what the handler cannot count (a crash at start, no concurrency left).
 */
export function apiAlarms(
  scope: Construct,
  api: DeployedApi,
  topic: sns.ITopic,
  settings: AlarmSettings,
): { set: AlarmSet; page: cloudwatch.CompositeAlarm } {
  const name = api.entry.name;
  const set = new AlarmSet(scope, name, settings);
  set.add({
    id: 'server-errors',
    runbook: 'api-server-errors',
    description: `${name} answered ${SERVER_ERRORS_PER_PERIOD} or more 5xx in 10 s, twice in a row: mobile apps are being refused`,
    metric: apiMetric(name, API_METRIC.serverErrors, 'Sum'),
    threshold: SERVER_ERRORS_PER_PERIOD,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: API_ALARMS.serverErrorPeriods,
  });
  set.add({
    id: 'slow',
    runbook: 'api-slow',
    description: `${name} p99 latency above ${latencyThresholdMs(api)} ms for 30 s`,
    metric: apiMetric(name, API_METRIC.latencyMs, 'p99'),
    threshold: latencyThresholdMs(api),
    comparison: GREATER_THAN_THRESHOLD,
    evaluationPeriods: API_ALARMS.slowPeriods,
  });
  set.add({
    id: 'gateway-5xx',
    runbook: 'api-server-errors',
    description: `API Gateway answered 5xx for ${name} (integration failures the handler never saw)`,
    metric: api.httpApi.metricServerError({
      period: AWS_METRIC_PERIOD,
      statistic: 'Sum',
      dimensionsMap: { ApiId: api.httpApi.apiId, Stage: api.stage.stageName },
    }),
    threshold: SERVER_ERRORS_PER_PERIOD,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: 1,
  });
  set.add({
    id: 'throttled',
    runbook: 'function-throttled',
    description: `The ${name} function was throttled: its reserved concurrency is used up`,
    metric: api.handler.metricThrottles({ period: AWS_METRIC_PERIOD, statistic: 'Sum' }),
    threshold: 1,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: 1,
  });
  addFunctionErrorsAlarm(set, name, api.handler);
  return { set, page: set.page(topic) };
}
