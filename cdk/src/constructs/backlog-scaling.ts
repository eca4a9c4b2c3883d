import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { SERVICE_METRIC, SERVICE_METRICS_NAMESPACE, type ServiceDeployment, type ServiceEntry } from '@ndf/catalog';
import { describeAlarm } from '../alarms/runbooks.js';

export interface BacklogScalingProps {
  readonly entry: ServiceEntry;
  readonly deployment: ServiceDeployment;
  readonly service: ecs.FargateService;
  readonly queue: sqs.IQueue;
  readonly clusterName: string;
  /** Where the scaling alarms link their runbook (see `AlarmSettings`). */
  readonly runbookBaseUrl?: string | undefined;
}

/** Tasks running, as Container Insights counts them (published every minute). */
export function runningTasks(clusterName: string, serviceName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensionsMap: { ClusterName: clusterName, ServiceName: serviceName },
    statistic: 'Average',
    period: Duration.minutes(1),
  });
}

/**
 * Scales a service on its backlog per task, counted in rounds of its concurrency: a
 * pressure of 1 means each task has a whole round of messages waiting behind the one it is
 * working on. With no task running, any waiting message is a pressure of 1, which starts
 * the first task of a service allowed to idle at zero.
 *
 * - out, within a minute: SQS publishes its counts every minute; one period above 1 adds
 *   tasks, more the higher the pressure;
 * - out, sooner, while tasks run: the runtime's own age of the oldest message, at 10 s
 *   resolution, past half the alarm's threshold for 30 s adds a task;
 * - in, slowly: five minutes of less than a quarter round of work (in flight included) per
 *   task removes one.
 */
export function backlogScaling(props: BacklogScalingProps): ecs.ScalableTaskCount {
  const { entry, deployment, service, queue, clusterName } = props;
  const target = service.autoScaleTaskCount({ minCapacity: deployment.minTasks, maxCapacity: deployment.maxTasks });
  const running = runningTasks(clusterName, service.serviceName);
  const minute = { period: Duration.minutes(1), statistic: 'Maximum' };
  const waiting = queue.metricApproximateNumberOfMessagesVisible(minute);
  const inFlight = queue.metricApproximateNumberOfMessagesNotVisible(minute);
  const round = entry.limits.concurrency;

  target.scaleOnMetric('OutOnBacklog', {
    metric: new cloudwatch.MathExpression({
      label: 'backlog per task, in rounds of concurrency',
      expression: `IF(FILL(running, 0) < 1, IF(waiting > 0, 1, 0), waiting / FILL(running, 1) / ${round})`,
      usingMetrics: { waiting, running },
      period: Duration.minutes(1),
    }),
    scalingSteps: [
      { upper: 1, change: 0 },
      { lower: 1, change: +1 },
      { lower: 3, change: +3 },
      { lower: 10, change: +6 },
    ],
    adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    cooldown: Duration.seconds(60),
  });

  target.scaleOnMetric('OutOnAge', {
    metric: new cloudwatch.Metric({
      namespace: SERVICE_METRICS_NAMESPACE,
      metricName: SERVICE_METRIC.oldestMessageAgeSeconds,
      dimensionsMap: { Service: entry.name },
      statistic: 'Maximum',
      period: Duration.seconds(10),
    }),
    scalingSteps: [
      { upper: entry.alarms.maxMessageAgeSeconds / 2, change: 0 },
      { lower: entry.alarms.maxMessageAgeSeconds / 2, change: +1 },
    ],
    adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    cooldown: Duration.seconds(60),
  });

  target.scaleOnMetric('InWhenIdle', {
    metric: new cloudwatch.MathExpression({
      label: 'work per task, in rounds of concurrency',
      expression: `IF(FILL(running, 0) < 1, waiting + inflight, (waiting + inflight) / FILL(running, 1)) / ${round}`,
      usingMetrics: { waiting, inflight: inFlight, running },
      period: Duration.minutes(1),
    }),
    scalingSteps: [
      { upper: 0.25, change: -1 },
      { lower: 0.25, change: 0 },
    ],
    adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    cooldown: Duration.seconds(120),
  });
  // The step policies make their own alarms; they page no one, but an alarm in ALARM still says what it is.
  for (const child of target.node.findAll())
    if (child instanceof cloudwatch.CfnAlarm) {
      const policy = child.node.scopes.at(-3)?.node.id;
      child.alarmDescription = describeAlarm(
        `Scaling of ${entry.name} (${policy}): adds or removes tasks, pages no one`,
        'service-scaling',
        props.runbookBaseUrl,
      );
    }
  return target;
}
