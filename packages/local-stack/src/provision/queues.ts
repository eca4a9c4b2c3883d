import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { deadLetterQueueName, queueName, queueSettings, type ServiceEntry } from '@ndf/catalog';
import type { ProvisionLog } from './provision-log.js';

export interface ProvisionedQueue {
  readonly url: string;
  readonly arn: string;
}

async function queueUrl(client: SQSClient, name: string): Promise<string | undefined> {
  try {
    return (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist || (error as { name?: string }).name === 'AWS.SimpleQueueService.NonExistentQueue')
      return undefined;
    throw error;
  }
}

/** Creates the queue, or brings its attributes to the wanted values; reports which. */
async function ensureQueue(client: SQSClient, name: string, wanted: Record<string, string>, log: ProvisionLog): Promise<ProvisionedQueue> {
  let url = await queueUrl(client, name);
  if (!url) {
    url = (await client.send(new CreateQueueCommand({ QueueName: name, Attributes: wanted }))).QueueUrl!;
    log.created(`queue ${name}`);
  } else {
    const current: Record<string, string | undefined> =
      (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
    const differing = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => !sameAttribute(current[key], value)));
    if (Object.keys(differing).length > 0) {
      await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: differing }));
      log.updated(`queue ${name} (${Object.keys(differing).join(', ')})`);
    } else {
      log.unchanged(`queue ${name}`);
    }
  }
  const arn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  if (!arn) throw new Error(`Queue ${name} has no ARN.`);
  return { url, arn };
}

/** Redrive policies come back as JSON whose key order and number types may differ. */
function sameAttribute(current: string | undefined, wanted: string): boolean {
  if (current === wanted) return true;
  if (current === undefined) return false;
  try {
    const [a, b] = [JSON.parse(current) as Record<string, unknown>, JSON.parse(wanted) as Record<string, unknown>];
    return typeof a === 'object' && a !== null && Object.keys(b).every((key) => String(a[key]) === String(b[key]));
  } catch {
    return false;
  }
}

/** The service's queue and its dead-letter queue, linked by the catalog's redrive policy. */
export async function provisionServiceQueues(
  client: SQSClient,
  prefix: string,
  service: ServiceEntry,
  log: ProvisionLog,
): Promise<{ queue: ProvisionedQueue; deadLetterQueue: ProvisionedQueue }> {
  const settings = queueSettings(service);
  const deadLetterQueue = await ensureQueue(
    client,
    deadLetterQueueName(prefix, service.name),
    { MessageRetentionPeriod: String(settings.deadLetterRetentionSeconds) },
    log,
  );
  const queue = await ensureQueue(
    client,
    queueName(prefix, service.name),
    {
      VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
      ReceiveMessageWaitTimeSeconds: String(settings.receiveWaitTimeSeconds),
      MessageRetentionPeriod: String(settings.messageRetentionSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterQueue.arn, maxReceiveCount: settings.maxReceiveCount }),
    },
    log,
  );
  return { queue, deadLetterQueue };
}
