import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueName } from '@ndf/catalog';

const COUNTS = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/**
 * Whether a service's queue holds nothing at all (waiting, in a worker's hands, or delayed): then
 * no job for a stuck receipt can still be on its way there, and driving it again cannot make it
 * run twice. Asked once per service and tick.
 */
export class QueueBacklog {
  readonly #drained = new Map<string, Promise<boolean>>();

  constructor(
    private readonly sqs: SQSClient,
    private readonly prefix: string,
  ) {}

  drained(service: string, signal: AbortSignal): Promise<boolean> {
    let drained = this.#drained.get(service);
    if (!drained) {
      drained = this.#ask(service, signal);
      // A failed question is asked again, not remembered.
      drained.catch(() => this.#drained.delete(service));
      this.#drained.set(service, drained);
    }
    return drained;
  }

  async #ask(service: string, signal: AbortSignal): Promise<boolean> {
    const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: queueName(this.prefix, service) }), {
      abortSignal: signal,
    });
    const { Attributes = {} } = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: [...COUNTS] }), {
      abortSignal: signal,
    });
    return COUNTS.every((count) => Number(Attributes[count] ?? '0') === 0);
  }
}
