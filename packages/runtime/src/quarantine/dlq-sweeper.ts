import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QuarantineEntry, QuarantineSink } from './quarantine-entry.js';

export interface SweepOptions {
  readonly sqs: SQSClient;
  readonly store: QuarantineSink;
  readonly service: string;
  readonly deadLetterQueueUrl: string;
  /** The queue whose redrive policy feeds the DLQ: where a replay puts messages back. */
  readonly sourceQueueName: string;
  readonly signal?: AbortSignal;
  readonly clock?: () => Date;
  readonly log?: (event: Record<string, unknown>) => void;
}

/** Moves what the DLQ holds now into quarantine; returns how many messages it moved. */
export async function sweepOnce(options: SweepOptions): Promise<number> {
  const maxReceiveCount = await sourceMaxReceiveCount(options);
  let moved = 0;
  for (;;) {
    const batch = await receive(options, 0);
    if (batch.length === 0) return moved;
    moved += await quarantineBatch(options, batch, maxReceiveCount);
  }
}

/** Sweeps the DLQ as messages arrive, until `signal` aborts. */
export async function sweepDeadLetterQueue(options: SweepOptions & { readonly signal: AbortSignal }): Promise<void> {
  const { signal } = options;
  const log = options.log ?? (() => undefined);
  let maxReceiveCount: number | undefined;
  while (!signal.aborted) {
    try {
      maxReceiveCount ??= await sourceMaxReceiveCount(options);
      await quarantineBatch(options, await receive(options, 20), maxReceiveCount);
    } catch (error) {
      if (signal.aborted) break;
      log({
        event: 'dlq-sweep-failed',
        service: options.service,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      await sleep(1_000, undefined, { signal }).catch(() => undefined);
    }
  }
}

async function receive(options: SweepOptions, waitTimeSeconds: number): Promise<Message[]> {
  const { Messages } = await options.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: options.deadLetterQueueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitTimeSeconds,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SentTimestamp'],
    }),
    { abortSignal: options.signal },
  );
  return Messages ?? [];
}

/** A message is deleted from the DLQ only once its record is written; else it comes back. */
async function quarantineBatch(options: SweepOptions, messages: readonly Message[], maxReceiveCount: number | undefined): Promise<number> {
  const log = options.log ?? (() => undefined);
  const results = await Promise.allSettled(
    messages.map(async (message) => {
      await options.store.quarantine(entryOf(options, message, maxReceiveCount));
      await options.sqs.send(new DeleteMessageCommand({ QueueUrl: options.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }));
    }),
  );
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      const error: unknown = result.reason;
      log({
        event: 'dlq-quarantine-failed',
        service: options.service,
        messageId: messages[index]?.MessageId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return results.filter((result) => result.status === 'fulfilled').length;
}

function entryOf(options: SweepOptions, message: Message, maxReceiveCount: number | undefined): QuarantineEntry {
  const now = (options.clock ?? (() => new Date()))();
  const system = message.Attributes ?? {};
  const firstReceived = Number(system.ApproximateFirstReceiveTimestamp ?? system.SentTimestamp);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (value.StringValue !== undefined) attributes[name] = value.StringValue;
  }
  return {
    service: options.service,
    source: { kind: 'sqs', queueName: options.sourceQueueName },
    payload: message.Body ?? '',
    attributes,
    reason:
      maxReceiveCount === undefined ? 'reached the dead-letter queue' : `reached the dead-letter queue after ${maxReceiveCount} receives`,
    failures: [],
    firstReceivedAt: Number.isFinite(firstReceived) ? new Date(firstReceived).toISOString() : now.toISOString(),
    lastReceivedAt: now.toISOString(),
    originalId: message.MessageId!,
  };
}

// The receive count a DLQ message shows depends on the implementation (whether the move
// resets it), so N is taken from the source queue's redrive policy instead.
async function sourceMaxReceiveCount(options: SweepOptions): Promise<number | undefined> {
  const { QueueUrl } = await options.sqs.send(new GetQueueUrlCommand({ QueueName: options.sourceQueueName }), {
    abortSignal: options.signal,
  });
  const { Attributes } = await options.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy'] }), {
    abortSignal: options.signal,
  });
  if (!Attributes?.RedrivePolicy) return undefined;
  const count = Number((JSON.parse(Attributes.RedrivePolicy) as { maxReceiveCount?: unknown }).maxReceiveCount);
  return Number.isFinite(count) ? count : undefined;
}
