import { emfLine, serviceClients } from '@ndf/runtime';
import { DEFAULT_PREFIX } from '@ndf/catalog';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { batchMetrics } from './batch-metrics.js';
import { entry, subscriptions } from './service.js';
import { QueueSender } from './queue-sender.js';
import { routeBatch } from './router.js';

const clients = serviceClients();
const sender = new QueueSender(clients.sqs, process.env.NDF_PREFIX ?? DEFAULT_PREFIX);

/**
 * The router in the cloud: the event source mapping on the stream calls it with a batch;
 * on failure it reports the batch's first record, so the mapping retries (and bisects) from
 * there, and after its bounded retries sends the record to the on-failure destination.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const signal = AbortSignal.timeout(entry.deadlineMs);
  let failed = false;
  try {
    await routeBatch(event.Records, {
      table: entry.table,
      subscriptions,
      send: (service, messages) => sender.send(service, messages, signal),
    });
    return { batchItemFailures: [] };
  } catch (error) {
    failed = true;
    console.error(
      JSON.stringify({
        event: 'route-failed',
        records: event.Records.length,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    );
    const first = event.Records[0]?.dynamodb?.SequenceNumber;
    return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
  } finally {
    // Raw on stdout, as EMF wants it; the 10-second alarms on the router read these.
    const now = Date.now();
    process.stdout.write(`${emfLine(entry.name, batchMetrics(event.Records, failed, now), now)}\n`);
  }
}
