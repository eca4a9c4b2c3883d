import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmSettings } from './alarm-set.js';
import { describeAlarm, runbookLink, type RunbookKind } from './runbooks.js';

export const TASK_STOPPED_RUNBOOK: RunbookKind = 'process-exited';
/** ECS's stop code for a task whose essential container exited on its own: a crash, out of memory, a kill. */
export const ESSENTIAL_CONTAINER_EXITED = 'EssentialContainerExited';
export const TASK_STATE_CHANGE = 'ECS Task State Change';

export interface TaskStoppedPageProps {
  readonly clusterName: string;
  readonly topic: sns.ITopic;
  readonly settings: AlarmSettings;
}

/** The page's message: a summary naming the service and the runbook, then the event's own fields, where a reader of ECS events finds them. */
function pageMessage(settings: AlarmSettings): events.RuleTargetInput {
  const field = (path: string) => events.EventField.fromPath(path);
  const service = field('$.detail.group');
  const reason = field('$.detail.stoppedReason');
  return events.RuleTargetInput.fromObject({
    source: 'aws.ecs',
    'detail-type': TASK_STATE_CHANGE,
    time: field('$.time'),
    summary: `A task of ${service} stopped on its own: ${reason}`,
    runbook: runbookLink(TASK_STOPPED_RUNBOOK, settings.runbookBaseUrl),
    detail: {
      group: service,
      taskArn: field('$.detail.taskArn'),
      clusterArn: field('$.detail.clusterArn'),
      stopCode: field('$.detail.stopCode'),
      stoppedReason: reason,
      stoppedAt: field('$.detail.stoppedAt'),
    },
  });
}

/**
 * Pages at once, naming the service, for every task of the services' cluster whose essential
 * container exited on its own. A task ECS stops itself (a deploy, a scale-in, a Spot
 * interruption: other stop codes) drains and pages no one. The heartbeat alarm still pages for a
 * service left with no task; this catches the one task of several that dies.
 */
export class TaskStoppedPage extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, { clusterName, topic, settings }: TaskStoppedPageProps) {
    super(scope, id);
    const clusterArn = Stack.of(this).formatArn({ service: 'ecs', resource: 'cluster', resourceName: clusterName });
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: `${settings.prefix}task-stopped`,
      description: describeAlarm(
        'A task of the services cluster stopped because its essential container exited (a crash, out of memory, a kill)',
        TASK_STOPPED_RUNBOOK,
        settings.runbookBaseUrl,
      ),
      eventPattern: {
        source: ['aws.ecs'],
        detailType: [TASK_STATE_CHANGE],
        detail: { clusterArn: [clusterArn], lastStatus: ['STOPPED'], stopCode: [ESSENTIAL_CONTAINER_EXITED] },
      },
    });
    // The target is bound by hand: the library's SNS target lets any rule of any account publish.
    const input = pageMessage(settings);
    this.rule.addTarget({ bind: () => ({ arn: topic.topicArn, input }) });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'TaskStoppedRulePublishes',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.rule.ruleArn } },
      }),
    );
  }
}
