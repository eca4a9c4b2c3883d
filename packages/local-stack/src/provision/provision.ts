import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { assertCatalog, bucketNotifications, type Catalog } from '@ndf/catalog';
import { provisionBucket, provisionBucketNotifications } from './buckets.js';
import { ProvisionLog } from './provision-log.js';
import { provisionServiceQueues, type ProvisionedQueue } from './queues.js';
import { provisionTable } from './tables.js';

export interface ProvisionClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
}

export interface ProvisionResult {
  readonly log: ProvisionLog;
  readonly queues: ReadonlyMap<string, { queue: ProvisionedQueue; deadLetterQueue: ProvisionedQueue }>;
}

/**
 * Brings tables, queues (each with its DLQ and redrive policy), buckets and bucket
 * notifications to what the catalog says, through the same SDK calls as the cloud.
 * Idempotent: a second run over the same catalog changes nothing.
 */
export async function provision(catalog: Catalog, clients: ProvisionClients, prefix: string): Promise<ProvisionResult> {
  assertCatalog(catalog);
  const log = new ProvisionLog();
  await Promise.all(catalog.tables.map((table) => provisionTable(clients.dynamodb, prefix, table, log)));
  const queues = new Map<string, { queue: ProvisionedQueue; deadLetterQueue: ProvisionedQueue }>();
  for (const service of catalog.services) queues.set(service.name, await provisionServiceQueues(clients.sqs, prefix, service, log));
  await Promise.all(catalog.buckets.map((bucket) => provisionBucket(clients.s3, prefix, bucket, log)));
  const notifications = bucketNotifications(catalog);
  const queueArnOf = (service: string) => queues.get(service)!.queue.arn;
  for (const bucket of catalog.buckets) await provisionBucketNotifications(clients.s3, prefix, bucket, notifications, queueArnOf, log);
  return { log, queues };
}
