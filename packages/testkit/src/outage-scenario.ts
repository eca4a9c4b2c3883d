import { tableName, type ServiceEntry } from '@ndf/catalog';
import { waitUntil, type LocalStack } from '@ndf/local-stack';
import { defineService, startService } from '@ndf/runtime';
import { awsJson, awsJsonTarget } from './aws-json.js';
import { startFaultProxy } from './fault-proxy.js';

/** A service that writes one item per message to DynamoDB, through its breaker. */
export const outageEntry: ServiceEntry = {
  name: 'outage-service',
  description: 'a service of the outage scenario only',
  critical: false,
  // A stream consumer in the catalog's eyes (its queue is provisioned); the scenario sends to the queue itself.
  consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] },
  emits: [{ kind: 'table', table: 'runtime' }],
  limits: { deadlineMs: 2_000, concurrency: 16, maxAttempts: 5 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
};

export interface OutageOptions {
  readonly stack: Pick<LocalStack, 'config' | 'provisioned' | 'environment'>;
  /** How long DynamoDB answers AccessDeniedException to the service's writes. */
  readonly faultMs: number;
  readonly messages: number;
}

export interface OutageFigures {
  readonly sent: number;
  readonly done: number;
  readonly quarantined: number;
  readonly faultMs: number;
  /** From the end of the fault to the last message done. */
  readonly drainedInMs: number;
  readonly breakerOpened: number;
  readonly halfOpens: number;
  /** Attempts the outage cost: messages retried later, and refused by the open breaker then sent again as new. */
  readonly retried: number;
  readonly requeued: number;
}

const itemKey = (id: string) => ({ pk: { S: `OUTAGE#${id}` }, sk: { S: 'OUTAGE' } });

/**
 * A bad deploy of the service's role: every write it makes to DynamoDB is refused with
 * AccessDeniedException (from a fault proxy in front of DynamoDB Local) for `faultMs`, while
 * `messages` messages wait in its queue; then access comes back. What the runtime keeps for
 * itself (attempt log, quarantine) goes to DynamoDB directly, so a quarantine would be seen.
 */
export async function runOutageScenario({ stack, faultMs, messages }: OutageOptions): Promise<OutageFigures> {
  const environment = stack.environment();
  const direct = awsJsonTarget(environment, 'dynamodb');
  const proxy = await startFaultProxy({ target: direct.endpoint, protocol: 'dynamodb' });
  const denied = { ...direct, endpoint: proxy.endpoint };
  const table = tableName(stack.config.prefix, 'runtime');
  const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const ids = Array.from({ length: messages }, (_, index) => `${runId}-${index}`);
  const done = new Set<string>();
  proxy.setFault({ mode: 'access-denied' });

  const stop = new AbortController();
  const running = await startService(
    defineService({
      entry: outageEntry,
      handle: async (message, context) => {
        const { id } = JSON.parse(message.body) as { id: string };
        await context.call('dynamodb', (signal) =>
          awsJson(denied, 'DynamoDB_20120810.PutItem', { TableName: table, Item: itemKey(id) }, signal),
        );
        done.add(id);
      },
    }),
    { env: { ...environment, LOG_LEVEL: 'silent' }, signal: stop.signal, drainMs: 2_000 },
  );
  const states: string[] = [];
  running.breakers.onChange((_, state) => states.push(state));
  const counter = (name: string) => running.metrics.snapshot().counters[name] ?? 0;
  try {
    const queue = stack.provisioned.queues.get(outageEntry.name);
    if (!queue) throw new Error(`the stack has no queue for ${outageEntry.name}: provision a catalog that lists outageEntry`);
    const sqs = awsJsonTarget(environment, 'sqs');
    for (let start = 0; start < ids.length; start += 10) {
      await awsJson(sqs, 'AmazonSQS.SendMessageBatch', {
        QueueUrl: queue.queue.url,
        Entries: ids.slice(start, start + 10).map((id, index) => ({ Id: String(index), MessageBody: JSON.stringify({ id }) })),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, faultMs));
    proxy.setFault({ mode: 'pass' });
    const clearedAt = Date.now();
    await waitUntil(
      'every message done or quarantined',
      async () => done.size + counter('quarantined') >= ids.length,
      Math.max(120_000, faultMs * 2),
      250,
    );
    return {
      sent: ids.length,
      done: done.size,
      quarantined: counter('quarantined'),
      faultMs,
      drainedInMs: Date.now() - clearedAt,
      breakerOpened: states.filter((state) => state === 'open').length,
      halfOpens: states.filter((state) => state === 'half-open').length,
      retried: counter('retried'),
      requeued: counter('requeued'),
    };
  } finally {
    stop.abort();
    await running.stopped;
    await proxy.stop();
  }
}
