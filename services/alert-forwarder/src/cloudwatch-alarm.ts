import type { AlertNotice, NoticeState, SeeMore } from '@ndf/alert-delivery/chat';

/**
 * The JSON CloudWatch publishes to SNS when an alarm changes state (AWS's documented schema): a
 * metric alarm has `Trigger`, a composite alarm `AlarmRule` and `TriggeringChildren`.
 */
export interface CloudWatchAlarmMessage {
  readonly AlarmName: string;
  readonly AlarmDescription?: string | null;
  readonly AlarmArn?: string;
  readonly NewStateValue: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  readonly NewStateReason?: string;
  readonly StateChangeTime?: string;
  readonly OldStateValue?: string;
  readonly Region?: string;
  readonly AlarmRule?: string;
  readonly TriggeringChildren?: readonly (
    string | { readonly Arn?: string; readonly State?: { readonly Value?: string; readonly Timestamp?: string } }
  )[];
}

export const isCloudWatchAlarm = (message: unknown): message is CloudWatchAlarmMessage =>
  typeof message === 'object' &&
  message !== null &&
  typeof (message as CloudWatchAlarmMessage).AlarmName === 'string' &&
  typeof (message as CloudWatchAlarmMessage).NewStateValue === 'string';

const STATES: Record<CloudWatchAlarmMessage['NewStateValue'], NoticeState> = {
  ALARM: 'firing',
  OK: 'resolved',
  INSUFFICIENT_DATA: 'updated',
};

/** CloudWatch writes "+0000" where JavaScript's dates want "+00:00". */
export function parseAwsTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The alarm's name without the deployment's prefix: "ocr quarantined" for "ndf-ocr quarantined". */
const withoutPrefix = (name: string, prefix: string) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);

const alarmNameOfArn = (arn: string) => arn.split(':alarm:')[1] ?? arn;

/** The platform's alarm descriptions end with their runbook: "<what>. Runbook: <link>". */
function splitDescription(description: string | null | undefined): { what?: string; runbookUrl?: string } {
  if (!description) return {};
  const match = /^(.*?)\.?\s*Runbook:\s*(\S+)\s*$/s.exec(description);
  return match ? { what: match[1]!, runbookUrl: match[2]! } : { what: description };
}

/** The alarm on the CloudWatch console, in the region its ARN names. */
function consoleLink(message: CloudWatchAlarmMessage): SeeMore[] {
  const region = message.AlarmArn?.split(':')[3];
  if (!region) return [];
  return [
    {
      link: `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(message.AlarmName)}`,
      label: 'CloudWatch',
    },
  ];
}

/**
 * An alarm's state change as a notice: the component is the alarm's name without the prefix,
 * up to its first space (the platform names alarms "<prefix><component>[ <alarm>]"); what was
 * seen is the alarm's description, the children that made a composite alarm fire, and
 * CloudWatch's reason.
 */
export function noticeOfAlarm(message: CloudWatchAlarmMessage, prefix: string): AlertNotice {
  const name = withoutPrefix(message.AlarmName, prefix);
  const component = name.split(' ')[0] || name;
  const { what, runbookUrl } = splitDescription(message.AlarmDescription);
  const children = (message.TriggeringChildren ?? []).map((child) =>
    typeof child === 'string'
      ? { name: withoutPrefix(alarmNameOfArn(child), prefix) }
      : {
          name: withoutPrefix(alarmNameOfArn(child.Arn ?? ''), prefix),
          state: child.State?.Value,
          since: parseAwsTime(child.State?.Timestamp),
        },
  );
  const changedAt = parseAwsTime(message.StateChangeTime) ?? Date.now();
  const state = STATES[message.NewStateValue] ?? 'updated';
  const childSince = children.map((child) => child.since).filter((since): since is number => since !== undefined);
  const quarantined = [name, ...children.map((child) => child.name)].some((alarm) => alarm.endsWith(' quarantined'));
  return {
    state,
    component,
    seen: [
      ...children.map((child) => (child.state ? `${child.name}: ${child.state}` : child.name)),
      ...(what ? [what] : []),
      ...(message.NewStateReason && children.length === 0 ? [message.NewStateReason] : []),
    ],
    // A page goes out when the alarm changes state; a composite one, once its first child did.
    ...(state === 'resolved' ? {} : { since: Math.min(changedAt, ...childSince) }),
    at: changedAt,
    ...(state === 'resolved' ? { resolvedAt: changedAt } : {}),
    correlationIds: [],
    runbooks: runbookUrl ? [{ name: runbookUrl.split('/').pop()!.replace(/\.md$/, ''), url: runbookUrl }] : [],
    seeMore: [
      ...consoleLink(message),
      ...(quarantined ? [{ command: `npm run ops -- quarantine list --service ${component} --cloud` }] : []),
    ],
  };
}
