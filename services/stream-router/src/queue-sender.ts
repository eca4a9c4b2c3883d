import { GetQueueUrlCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueName } from '@ndf/catalog';
import { QueueUrls, TransientError } from '@ndf/core';
import type { OutgoingMessage } from './outgoing.js';

const RESENDS = 3;

/** Sends messages to services' queues in batches of ten, resending the entries SQS refused. */
export class QueueSender {
  readonly #urls: QueueUrls;

  constructor(
    private readonly sqs: SQSClient,
    private readonly prefix: string,
  ) {
    this.#urls = new QueueUrls(
      async (name, signal) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: signal })).QueueUrl,
    );
  }

  async send(service: string, messages: readonly OutgoingMessage[], signal: AbortSignal): Promise<void> {
    const queueUrl = await this.#urls.get(queueName(this.prefix, service), signal);
    const batches = Array.from({ length: Math.ceil(messages.length / 10) }, (_, index) => messages.slice(index * 10, index * 10 + 10));
    await Promise.all(batches.map((batch) => this.#sendBatch(queueUrl, service, batch, signal)));
  }

  async #sendBatch(queueUrl: string, service: string, batch: readonly OutgoingMessage[], signal: AbortSignal): Promise<void> {
    let pending = batch.map((message, index) => ({ id: String(index), message }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > RESENDS) throw new TransientError(`${pending.length} message(s) to ${service} were refused ${attempt} times`);
      const { Failed = [] } = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: pending.map(({ id, message }) => ({
            Id: id,
            MessageBody: message.body,
            MessageAttributes: Object.fromEntries(
              Object.entries(message.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
            ),
          })),
        }),
        { abortSignal: signal },
      );
      const failed = new Set(Failed.map((entry) => entry.Id));
      pending = pending.filter(({ id }) => failed.has(id));
    }
  }
}
