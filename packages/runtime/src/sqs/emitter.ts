import { GetQueueUrlCommand, SendMessageCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { queueName, type ServiceEntry } from '@ndf/catalog';
import { QueueUrls } from '@ndf/core';
import { PermanentError } from '../errors.js';
import { CORRELATION_ATTRIBUTE } from '../observability/logger.js';

export interface EmitOptions {
  /** Delivered after this many seconds (at most 900). */
  readonly delaySeconds?: number;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Sends a message to a downstream service's queue; bound to the message being handled. */
export type Emit = (service: string, body: unknown, options?: EmitOptions) => Promise<void>;

export interface EmitterOptions {
  readonly sqs: SQSClient;
  readonly prefix: string;
  /** The sending service: it may only send to the services its catalog entry emits to. */
  readonly entry: ServiceEntry;
}

/**
 * Hands work to the next service through its queue, carrying the correlation id of the
 * message being handled, so that one request can be followed through every hop.
 */
export class Emitter {
  readonly #allowed: ReadonlySet<string>;
  readonly #urls: QueueUrls;

  constructor(private readonly options: EmitterOptions) {
    this.#urls = new QueueUrls(
      async (name, signal) => (await options.sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: signal })).QueueUrl,
    );
    this.#allowed = new Set(options.entry.emits.flatMap((output) => (output.kind === 'service' ? [output.service] : [])));
  }

  async send(
    service: string,
    body: unknown,
    correlationId: string | undefined,
    signal: AbortSignal,
    options: EmitOptions = {},
  ): Promise<void> {
    // A wiring mistake, not an outage: retrying cannot fix it, and the catalog must say it.
    if (!this.#allowed.has(service))
      throw new PermanentError(`${this.options.entry.name} does not emit to ${service}: add it to the service's catalog entry.`);
    const attributes: Record<string, MessageAttributeValue> = {};
    for (const [name, value] of Object.entries(options.attributes ?? {})) attributes[name] = { DataType: 'String', StringValue: value };
    if (correlationId) attributes[CORRELATION_ATTRIBUTE] = { DataType: 'String', StringValue: correlationId };
    await this.options.sqs.send(
      new SendMessageCommand({
        QueueUrl: await this.#urls.get(queueName(this.options.prefix, service), signal),
        MessageBody: typeof body === 'string' ? body : JSON.stringify(body),
        MessageAttributes: attributes,
        ...(options.delaySeconds ? { DelaySeconds: Math.min(900, Math.max(0, Math.round(options.delaySeconds))) } : {}),
      }),
      { abortSignal: signal },
    );
  }
}
