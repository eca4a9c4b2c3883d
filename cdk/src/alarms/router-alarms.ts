import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { SERVICE_METRIC } from '@ndf/catalog';
import type { DeployedRouter } from '../stacks/pipeline-stack.js';
import { AlarmSet, type AlarmSettings } from './alarm-set.js';
import { addFunctionErrorsAlarm } from './function-alarms.js';
import { AWS_METRIC_PERIOD, serviceMetric } from './metrics.js';

const { GREATER_THAN_OR_EQUAL_TO_THRESHOLD: GREATER_THAN_OR_EQUAL_TO, GREATER_THAN_THRESHOLD } = cloudwatch.ComparisonOperator;

/**
 * What pages for a stream router (a Lambda on the stream). On the router's own metrics (one
 * EMF line per batch), at 10 s: the stream read late, batches failing (each failure is a
 * retry, then a bisect). On Lambda's (per minute): the function failing outright (a crash at
 * start, a timeout) and records given up to the on-failure bucket (drained into the quarantine).
 */
export function routerAlarms(
  scope: Construct,
  router: DeployedRouter,
  topic: sns.ITopic,
  settings: AlarmSettings,
): { set: AlarmSet; page: cloudwatch.CompositeAlarm } {
  const name = router.entry.name;
  const set = new AlarmSet(scope, name, settings);
  set.add({
    id: 'lagging',
    runbook: 'stream-lagging',
    description: `${name} reads the stream more than ${router.entry.alarms.maxMessageAgeSeconds} s behind`,
    metric: serviceMetric(name, SERVICE_METRIC.streamIteratorAgeMs, 'Maximum'),
    threshold: router.entry.alarms.maxMessageAgeSeconds * 1000,
    comparison: GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });
  set.add({
    id: 'failing',
    runbook: 'stream-batches-failing',
    description: `${name} failed batches: a record failing for its own sake is quarantined after ${router.entry.maxRetries} retries; an outage is retried until it ends`,
    metric: serviceMetric(name, SERVICE_METRIC.streamHandlerFailed, 'Sum'),
    threshold: 1,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: 1,
  });
  addFunctionErrorsAlarm(set, name, router.function);
  set.add({
    id: 'records-given-up',
    runbook: 'stream-records-given-up',
    description: `${name} gave records up after an outage longer than their maximum age: they are drained into the quarantine, replay them`,
    metric: new cloudwatch.Metric({
      namespace: 'AWS/Lambda',
      metricName: 'OnFailureDestinationDeliveredEventCount',
      dimensionsMap: { EventSourceMappingUUID: router.mappingId },
      period: AWS_METRIC_PERIOD,
      statistic: 'Sum',
    }),
    threshold: 1,
    comparison: GREATER_THAN_OR_EQUAL_TO,
    evaluationPeriods: 1,
  });
  return { set, page: set.page(topic) };
}
