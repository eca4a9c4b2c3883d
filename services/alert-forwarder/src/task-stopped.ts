import type { AlertNotice } from '@ndf/alert-delivery/chat';
import { runbookLink } from '@ndf/catalog';
import { parseAwsTime } from './cloudwatch-alarm.js';

/** EventBridge's "ECS Task State Change" event, as the rule routing it to the topic sends it, reduced to what a page says. */
export interface TaskStateChangeEvent {
  readonly source: 'aws.ecs';
  readonly 'detail-type': 'ECS Task State Change';
  readonly time?: string;
  readonly region?: string;
  readonly detail: {
    readonly clusterArn?: string;
    readonly taskArn?: string;
    readonly group?: string;
    readonly lastStatus?: string;
    readonly stoppedAt?: string;
    readonly stoppedReason?: string;
    readonly stopCode?: string;
    readonly containers?: readonly { readonly name?: string; readonly exitCode?: number; readonly reason?: string }[];
  };
}

export const isTaskStateChange = (message: unknown): message is TaskStateChangeEvent =>
  typeof message === 'object' &&
  message !== null &&
  (message as TaskStateChangeEvent).source === 'aws.ecs' &&
  (message as TaskStateChangeEvent)['detail-type'] === 'ECS Task State Change' &&
  typeof (message as TaskStateChangeEvent).detail === 'object';

// A stopped task is a process down: the runbook of the missing heartbeat is the one that says
// where its reason is and what to do.
const TASK_STOPPED_RUNBOOK = 'heartbeat-missing';

/** A stopped task of a service as a notice: the service (its ECS group), why it stopped, each container's exit. */
export function noticeOfStoppedTask(event: TaskStateChangeEvent, runbookBaseUrl: string | undefined): AlertNotice {
  const { detail } = event;
  const component = detail.group?.replace(/^service:/, '') || 'ecs';
  const stoppedAt = parseAwsTime(detail.stoppedAt) ?? parseAwsTime(event.time) ?? Date.now();
  const taskId = detail.taskArn?.split('/').pop();
  const cluster = detail.clusterArn?.split('/').pop();
  const region = event.region ?? detail.taskArn?.split(':')[3];
  return {
    state: 'firing',
    component,
    seen: [
      `task stopped: ${detail.stoppedReason ?? 'no reason given'}${detail.stopCode ? ` (${detail.stopCode})` : ''}`,
      ...(detail.containers ?? [])
        .filter((container) => container.exitCode !== undefined || container.reason)
        .map(
          (container) =>
            `${container.name ?? 'container'}: exit ${container.exitCode ?? '?'}${container.reason ? `, ${container.reason}` : ''}`,
        ),
    ],
    since: stoppedAt,
    at: stoppedAt,
    correlationIds: taskId ? [taskId] : [],
    runbooks: [{ name: TASK_STOPPED_RUNBOOK, url: runbookLink(TASK_STOPPED_RUNBOOK, runbookBaseUrl) }],
    seeMore:
      region && cluster && taskId
        ? [{ link: `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${cluster}/tasks/${taskId}?region=${region}`, label: 'ECS' }]
        : [],
  };
}
