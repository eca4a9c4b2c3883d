import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { downstreamServices, type ServiceEntry } from '@ndf/catalog';
import { waitUntil, type LocalStack } from '@ndf/local-stack';
import { platformQuarantine, startService, type QueueServiceDefinition, type RunOptions, type RunningService } from '@ndf/runtime';

/** How one message sent to the service ended. */
export interface Delivery {
  readonly outcome: 'succeeded' | 'quarantined';
  /** Why it was quarantined, as the quarantine records it ("PermanentError: ..."). */
  readonly reason?: string;
  /** What the service sent to other services' queues meanwhile: [service, body parsed from JSON]. */
  readonly sent: readonly (readonly [string, unknown])[];
}

/** A message the service put in quarantine; its message is the quarantine's reason. */
export class QuarantinedError extends Error {
  override readonly name = 'Quarantined';
}

export interface ServiceUnderTest {
  readonly running: RunningService;
  /** Sends a message to the service's queue and waits until the service has handled it or quarantined it. */
  deliver(body: string | object, options?: { readonly timeoutMs?: number }): Promise<Delivery>;
  /** `deliver`, resolving with what was sent on, or rejecting with the reason the message was quarantined. */
  handle(body: string | object, options?: { readonly timeoutMs?: number }): Promise<Delivery['sent']>;
  /** Stops the service (drained) as SIGTERM would. */
  stop(): Promise<void>;
}

/**
 * Runs a service's real definition (its entry, dependency factory and handler) in this process
 * against a local stack whose catalog includes it and the services it emits to, and sends it
 * messages through its queue as production does. Deliveries are one at a time.
 */
export async function startServiceUnderTest<E extends ServiceEntry, D>(
  definition: QueueServiceDefinition<E, D>,
  stack: Pick<LocalStack, 'config' | 'clients' | 'provisioned' | 'environment'>,
  options: Pick<RunOptions, 'emf'> = {},
): Promise<ServiceUnderTest> {
  const { entry } = definition;
  const stop = new AbortController();
  const running = await startService(definition, {
    env: { ...stack.environment(), LOG_LEVEL: 'silent' },
    signal: stop.signal,
    drainMs: 1_000,
    ...options,
  });
  const queueUrl = (service: string): string => {
    const queue = stack.provisioned.queues.get(service);
    if (!queue) throw new Error(`The local stack has no queue for ${service}: start it with a catalog that lists it.`);
    return queue.queue.url;
  };
  const quarantine = platformQuarantine(stack.clients, stack.config.prefix);
  const count = (name: 'succeeded' | 'quarantined'): number => running.metrics.snapshot().counters[name] ?? 0;

  /** Takes what waits in a downstream queue, so that the next delivery sees only its own. */
  const takeSent = async (service: string): Promise<(readonly [string, unknown])[]> => {
    const taken: (readonly [string, unknown])[] = [];
    for (;;) {
      const { Messages = [] } = await stack.clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl(service), MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return taken;
      await stack.clients.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl(service),
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
      for (const message of Messages) taken.push([service, JSON.parse(message.Body ?? 'null') as unknown]);
    }
  };

  const deliver: ServiceUnderTest['deliver'] = async (body, options = {}) => {
    const before = { succeeded: count('succeeded'), quarantined: count('quarantined') };
    const { MessageId } = await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl(entry.name), MessageBody: typeof body === 'string' ? body : JSON.stringify(body) }),
    );
    await waitUntil(
      `${entry.name} handling message ${MessageId}`,
      async () => count('succeeded') > before.succeeded || count('quarantined') > before.quarantined,
      options.timeoutMs ?? 60_000,
      50,
    );
    const sent = (await Promise.all(downstreamServices(entry).map(takeSent))).flat();
    if (count('succeeded') > before.succeeded) return { outcome: 'succeeded', sent };
    const record = await quarantine.show(entry.name, MessageId ?? '');
    return { outcome: 'quarantined', ...(record ? { reason: record.reason } : {}), sent };
  };

  return {
    running,
    deliver,
    handle: async (body, options) => {
      const delivery = await deliver(body, options);
      if (delivery.outcome === 'quarantined') throw new QuarantinedError(delivery.reason ?? 'quarantined');
      return delivery.sent;
    },
    stop: async () => {
      stop.abort();
      await running.stopped;
    },
  };
}
