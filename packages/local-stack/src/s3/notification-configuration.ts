import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { BucketStateFile } from './bucket-state-file.js';

/** One QueueConfiguration of a bucket's NotificationConfiguration, as S3 keeps it. */
export interface QueueNotification {
  readonly id: string;
  readonly queueArn: string;
  readonly events: readonly string[];
  readonly prefix?: string | undefined;
  readonly suffix?: string | undefined;
}

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['QueueConfiguration', 'Event', 'FilterRule', 'TopicConfiguration', 'CloudFunctionConfiguration'].includes(name),
});
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

export class InvalidNotificationConfiguration extends Error {}

interface ParsedRule {
  Name?: string;
  Value?: string;
}
interface ParsedQueueConfiguration {
  Id?: string;
  Queue?: string;
  Event?: string[];
  Filter?: { S3Key?: { FilterRule?: ParsedRule[] } };
}

/** Reads the XML body of PutBucketNotificationConfiguration; only SQS targets are supported here. */
export function parseNotificationConfiguration(xml: string): QueueNotification[] {
  let document: {
    NotificationConfiguration?:
      '' | { QueueConfiguration?: ParsedQueueConfiguration[]; TopicConfiguration?: unknown[]; CloudFunctionConfiguration?: unknown[] };
  };
  try {
    document = parser.parse(xml, true) as typeof document;
  } catch (error) {
    throw new InvalidNotificationConfiguration(`The XML you provided was not well-formed: ${(error as Error).message}`);
  }
  if (!('NotificationConfiguration' in document))
    throw new InvalidNotificationConfiguration('The XML has no NotificationConfiguration element.');
  const configuration = document.NotificationConfiguration || {};
  if (configuration.TopicConfiguration || configuration.CloudFunctionConfiguration) {
    throw new InvalidNotificationConfiguration('Only queue (SQS) destinations are supported by the local S3 edge.');
  }
  return (configuration.QueueConfiguration ?? []).map((queue, index) => {
    if (!queue.Queue?.startsWith('arn:aws:sqs:'))
      throw new InvalidNotificationConfiguration(`QueueConfiguration ${index + 1} has no SQS queue ARN.`);
    const events = queue.Event ?? [];
    if (events.length === 0 || events.some((event) => !event.startsWith('s3:')))
      throw new InvalidNotificationConfiguration(`QueueConfiguration ${index + 1} has no valid event.`);
    const rules = queue.Filter?.S3Key?.FilterRule ?? [];
    const rule = (name: string) => rules.find((candidate) => candidate.Name?.toLowerCase() === name)?.Value;
    return { id: queue.Id ?? `notification-${index + 1}`, queueArn: queue.Queue, events, prefix: rule('prefix'), suffix: rule('suffix') };
  });
}

/** The XML that GetBucketNotificationConfiguration answers. */
export function notificationConfigurationXml(notifications: readonly QueueNotification[]): string {
  const rules = (notification: QueueNotification) => [
    ...(notification.prefix !== undefined ? [{ Name: 'prefix', Value: notification.prefix }] : []),
    ...(notification.suffix !== undefined ? [{ Name: 'suffix', Value: notification.suffix }] : []),
  ];
  const body = builder.build({
    NotificationConfiguration: {
      '@_xmlns': S3_NAMESPACE,
      QueueConfiguration: notifications.map((notification) => ({
        Id: notification.id,
        Queue: notification.queueArn,
        Event: notification.events,
        ...(rules(notification).length > 0 ? { Filter: { S3Key: { FilterRule: rules(notification) } } } : {}),
      })),
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/** Whether an object-created event of this name is among the configured event patterns. */
export function eventSelected(events: readonly string[], eventName: string): boolean {
  const wanted = `s3:${eventName}`;
  return events.some((pattern) => pattern === wanted || (pattern.endsWith(':*') && wanted.startsWith(pattern.slice(0, -1))));
}

/** Bucket notifications, kept in a JSON file when the stack keeps its data on disk. */
/** Each bucket's queue notifications. */
export class NotificationStore extends BucketStateFile<readonly QueueNotification[]> {
  constructor(file: string | undefined) {
    super(file, []);
  }
}
