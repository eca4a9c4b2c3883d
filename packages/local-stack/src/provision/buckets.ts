import {
  CreateBucketCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  type QueueConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketName, type BucketEntry, type BucketNotification } from '@ndf/catalog';
import type { ProvisionLog } from './provision-log.js';

async function bucketExists(client: S3Client, name: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: name }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

export async function provisionBucket(client: S3Client, prefix: string, bucket: BucketEntry, log: ProvisionLog): Promise<void> {
  const name = bucketName(prefix, bucket.name);
  if (await bucketExists(client, name)) log.unchanged(`bucket ${name}`);
  else {
    await client.send(new CreateBucketCommand({ Bucket: name }));
    log.created(`bucket ${name}`);
  }
  if (bucket.retainOriginals) await provisionVersioning(client, name, log);
}

/** Originals are read by version, as in the cloud (where every bucket is versioned): a later upload to the key never replaces what was checked. */
async function provisionVersioning(client: S3Client, name: string, log: ProvisionLog): Promise<void> {
  const { Status } = await client.send(new GetBucketVersioningCommand({ Bucket: name }));
  if (Status === 'Enabled') return log.unchanged(`versioning of ${name}`);
  await client.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  log.created(`versioning of ${name}`);
}

function notificationKey(configuration: QueueConfiguration): string {
  const rules = (configuration.Filter?.Key?.FilterRules ?? []).map((rule) => `${rule.Name?.toLowerCase()}=${rule.Value}`).sort();
  return [configuration.Id, configuration.QueueArn, ...(configuration.Events ?? []).sort(), ...rules].join('|');
}

/** Sets the bucket's object-created notifications to the queues of the services fed by it. */
export async function provisionBucketNotifications(
  client: S3Client,
  prefix: string,
  bucket: BucketEntry,
  notifications: readonly BucketNotification[],
  queueArnOf: (service: string) => string,
  log: ProvisionLog,
): Promise<void> {
  const name = bucketName(prefix, bucket.name);
  const wanted: QueueConfiguration[] = notifications
    .filter((notification) => notification.bucket === bucket.name)
    .map((notification) => ({
      Id: `${notification.service}-object-created`,
      QueueArn: queueArnOf(notification.service),
      Events: ['s3:ObjectCreated:*'],
      Filter: {
        Key: {
          FilterRules: [
            { Name: 'prefix' as const, Value: notification.prefix },
            ...(notification.suffix ? [{ Name: 'suffix' as const, Value: notification.suffix }] : []),
          ],
        },
      },
    }));
  const current = await client.send(new GetBucketNotificationConfigurationCommand({ Bucket: name }));
  const same = (a: QueueConfiguration[], b: QueueConfiguration[]) =>
    a.map(notificationKey).sort().join('\n') === b.map(notificationKey).sort().join('\n');
  if (same(current.QueueConfigurations ?? [], wanted)) return log.unchanged(`notifications of ${name}`);
  await client.send(
    new PutBucketNotificationConfigurationCommand({ Bucket: name, NotificationConfiguration: { QueueConfigurations: wanted } }),
  );
  log.updated(`notifications of ${name} (${wanted.length} queue${wanted.length === 1 ? '' : 's'})`);
}
