import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULT_PREFIX, bucketName, catalog, tableName } from '@ndf/catalog';
import { DynamoQuarantineStore, serviceClients } from '@ndf/runtime';
import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { givenUpEntries, type GivenUpInvocation } from './given-up.js';
import { entry } from './service.js';

const prefix = process.env.NDF_PREFIX ?? DEFAULT_PREFIX;
const clients = serviceClients();
const quarantine = new DynamoQuarantineStore({
  dynamodb: clients.dynamodb,
  s3: clients.s3,
  sqs: clients.sqs,
  tableName: tableName(prefix, 'runtime'),
  bucketName: bucketName(prefix, 'quarantine'),
});

/** The router whose table's stream the given-up batch came from. */
const routerOf = (streamArn: string | undefined) =>
  catalog.routers.find((router) => streamArn?.includes(`:table/${tableName(prefix, router.table)}/stream/`)) ?? entry;

/**
 * Drains what the router's event source mapping gave up into the quarantine: called with the
 * S3 notifications (through a queue) of the invocation records it writes to the quarantine
 * bucket. A notification whose records could not all be quarantined is reported, so that the
 * queue hands it again (and, after its attempts, keeps it in its DLQ); the object stays.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const message of event.Records) {
    try {
      const notification = JSON.parse(message.body) as Partial<S3Event>;
      for (const record of notification.Records ?? []) {
        const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
        const object = await clients.s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
        const invocation = JSON.parse((await object.Body?.transformToString('utf-8')) ?? '{}') as GivenUpInvocation;
        const router = routerOf(invocation.DDBStreamBatchInfo?.streamArn);
        for (const given of givenUpEntries(invocation, { service: router.name, table: router.table })) await quarantine.quarantine(given);
      }
    } catch (error) {
      console.error(JSON.stringify({ event: 'given-up-drain-failed', messageId: message.messageId, error: String(error) }));
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
}
