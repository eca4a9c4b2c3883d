import type { AlertNotice } from '@ndf/alert-delivery/chat';
import { isCloudWatchAlarm, noticeOfAlarm } from './cloudwatch-alarm.js';
import { isTaskStateChange, noticeOfStoppedTask } from './task-stopped.js';

export interface SnsMessage {
  readonly Subject?: string | null;
  readonly Message: string;
  readonly Timestamp?: string;
}

export interface NoticeSettings {
  /** The deployment's prefix, taken off alarm names. */
  readonly prefix: string;
  readonly runbookBaseUrl: string | undefined;
}

const MAX_RAW_CHARS = 1_000;

function parsed(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch {
    return undefined;
  }
}

/**
 * What a message of the on-call topic says, as a notice: a CloudWatch alarm, a stopped ECS
 * task, or anything else published there, passed on as its subject and text rather than
 * dropped (someone published it for the on-call engineer to read).
 */
export function noticeOfSnsMessage(sns: SnsMessage, settings: NoticeSettings): AlertNotice {
  const message = parsed(sns.Message);
  if (isCloudWatchAlarm(message)) return noticeOfAlarm(message, settings.prefix);
  if (isTaskStateChange(message)) return noticeOfStoppedTask(message, settings.runbookBaseUrl);
  const at = (sns.Timestamp && Date.parse(sns.Timestamp)) || Date.now();
  const text = sns.Message.length > MAX_RAW_CHARS ? `${sns.Message.slice(0, MAX_RAW_CHARS)}…` : sns.Message;
  return {
    state: 'firing',
    component: sns.Subject || 'on-call topic',
    seen: [text],
    since: at,
    at,
    correlationIds: [],
    runbooks: [],
    seeMore: [],
  };
}
