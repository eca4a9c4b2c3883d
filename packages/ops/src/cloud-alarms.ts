import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from '@aws-sdk/client-cloudwatch';

/** One CloudWatch alarm of the deployment, as on-call reads it. */
export interface CloudAlarm {
  readonly name: string;
  readonly kind: 'page' | 'alarm';
  readonly state: StateValue | 'UNKNOWN';
  readonly since: string | undefined;
  readonly reason: string;
  readonly description: string;
}

/**
 * Every alarm whose name starts with the deployment's prefix (the CDK app names them so): the
 * composite alarms are the pages, one per component; the metric alarms are what trips them.
 */
export async function cloudAlarms(prefix: string, client = new CloudWatchClient({})): Promise<CloudAlarm[]> {
  const alarms: CloudAlarm[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, AlarmTypes: ['CompositeAlarm', 'MetricAlarm'], MaxRecords: 100, NextToken }),
      );
      for (const alarm of page.CompositeAlarms ?? []) alarms.push(toCloudAlarm(alarm, 'page'));
      for (const alarm of page.MetricAlarms ?? []) alarms.push(toCloudAlarm(alarm, 'alarm'));
      NextToken = page.NextToken;
    } while (NextToken);
  } finally {
    client.destroy();
  }
  return alarms.sort((a, b) => a.name.localeCompare(b.name));
}

function toCloudAlarm(
  alarm: { AlarmName?: string; StateValue?: StateValue; StateUpdatedTimestamp?: Date; StateReason?: string; AlarmDescription?: string },
  kind: CloudAlarm['kind'],
): CloudAlarm {
  return {
    name: alarm.AlarmName ?? '?',
    kind,
    state: alarm.StateValue ?? 'UNKNOWN',
    since: alarm.StateUpdatedTimestamp?.toISOString(),
    reason: alarm.StateReason ?? '',
    description: alarm.AlarmDescription ?? '',
  };
}
