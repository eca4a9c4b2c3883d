import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULT_PREFIX, catalog, tableName } from '@ndf/catalog';
import { platformQuarantine, serviceClients } from '@ndf/runtime';
import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { givenUpEntries, type GivenUpInvocation } from './given-up.js';
import { entry } from './service.js';

/** The router whose table's stream the given-up batch came from. */
const routerOf = (prefix: string, streamArn: string | undefined) =>
  catalog.routers.find((router) => streamArn?.includes(`:table/${tableName(prefix, router.table)}/stream/`)) ?? entry;

export type GivenUpHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * Drains what the router's event source mapping gave up into the quarantine: called with the
 * S3 notifications (through a queue) of the invocation records it writes to the quarantine
 * bucket. A notification whose records could not all be quarantined is reported, so that the
 * queue hands it again (and, after its attempts, keeps it in its DLQ); the object stays. A
 * handler builds its clients once, from `env`; Lambda's entry point builds one per container.
 */
export function givenUpHandler(env: NodeJS.ProcessEnv = process.env): GivenUpHandler {
  const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
  const clients = serviceClients(env);
  const quarantine = platformQuarantine(clients, prefix);
  return async (event) => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const message of event.Records) {
      try {
        const notification = JSON.parse(message.body) as Partial<S3Event>;
        for (const record of notification.Records ?? []) {
          const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
          const object = await clients.s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
          const invocation = JSON.parse((await object.Body?.transformToString('utf-8')) ?? '{}') as GivenUpInvocation;
          const router = routerOf(prefix, invocation.DDBStreamBatchInfo?.streamArn);
          for (const given of givenUpEntries(invocation, { service: router.name, table: router.table })) await quarantine.quarantine(given);
        }
      } catch (error) {
        console.error(JSON.stringify({ event: 'given-up-drain-failed', messageId: message.messageId, error: String(error) }));
        batchItemFailures.push({ itemIdentifier: message.messageId });
      }
    }
    return { batchItemFailures };
  };
}

let containerHandler: GivenUpHandler | undefined;

/** Lambda's entry point: the handler of this container, built on its first invocation. */
export const handler: GivenUpHandler = (event) => (containerHandler ??= givenUpHandler())(event);
