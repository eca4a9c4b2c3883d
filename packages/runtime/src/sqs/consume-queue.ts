import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';

export interface MessageContext {
  /** Aborted at the message's deadline or when the service shuts down. */
  readonly signal: AbortSignal;
  readonly receiveCount: number;
  readonly messageId: string;
}

export interface ConsumeOptions {
  readonly sqs: SQSClient;
  readonly queueName: string;
  readonly deadlineMs: number;
  readonly concurrency: number;
  readonly handle: (body: string, context: MessageContext) => Promise<void>;
  readonly signal: AbortSignal;
  readonly log?: (event: Record<string, unknown>) => void;
}

/**
 * Receives, handles and deletes messages until `signal` aborts, then lets the messages in
 * hand finish. A message whose handler fails is not deleted: it comes back after its
 * visibility timeout and, past the queue's maxReceiveCount, moves to the dead-letter queue.
 */
export async function consumeQueue(options: ConsumeOptions): Promise<void> {
  const { sqs, signal } = options;
  const log = options.log ?? (() => undefined);
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: options.queueName }), { abortSignal: signal });
  const queueUrl = QueueUrl!;

  const handleOne = async (message: Message): Promise<boolean> => {
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(options.deadlineMs)]);
    const startedAt = Date.now();
    try {
      await options.handle(message.Body ?? '', {
        signal: deadline,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? '1'),
        messageId: message.MessageId ?? '',
      });
      log({ event: 'handled', messageId: message.MessageId, ms: Date.now() - startedAt });
      return true;
    } catch (error) {
      log({ event: 'failed', messageId: message.MessageId, ms: Date.now() - startedAt, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return false;
    }
  };

  while (!signal.aborted) {
    let messages: Message[];
    try {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, options.concurrency),
          WaitTimeSeconds: 20,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        { abortSignal: signal },
      );
      messages = received.Messages ?? [];
    } catch (error) {
      if (signal.aborted) break;
      log({ event: 'receive-failed', error: error instanceof Error ? error.message : String(error) });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      continue;
    }
    const outcomes = await Promise.all(messages.map(handleOne));
    const done = messages.filter((_, index) => outcomes[index]);
    if (done.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }));
    }
  }
}
