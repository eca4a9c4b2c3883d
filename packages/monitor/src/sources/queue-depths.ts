import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterQueueName, queueName } from '@ndf/catalog';
import type { QueueDepth } from '@ndf/alerting';

export interface QueueDepthsOptions {
  readonly sqs: SQSClient;
  readonly prefix: string;
  /** The services whose queue and dead-letter queue are polled. */
  readonly services: readonly string[];
  readonly intervalMs?: number;
  /** Per call: a queue that does not answer in time keeps its previous depth. */
  readonly timeoutMs?: number;
}

export interface ServiceQueues {
  readonly queue?: QueueDepth;
  readonly deadLetters?: QueueDepth;
}

const ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;

/** Each catalog queue's and dead-letter queue's depth, polled every few seconds, one poll at a time. */
export class QueueDepths {
  private readonly urls = new Map<string, string>();
  private readonly depths = new Map<string, QueueDepth>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: QueueDepthsOptions) {}

  of(service: string): ServiceQueues {
    const queue = this.depths.get(queueName(this.options.prefix, service));
    const deadLetters = this.depths.get(deadLetterQueueName(this.options.prefix, service));
    return { ...(queue ? { queue } : {}), ...(deadLetters ? { deadLetters } : {}) };
  }

  start(): void {
    if (this.timer) return;
    const poll = () => {
      this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    };
    poll();
    this.timer = setInterval(poll, this.options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.polling;
  }

  /** Reads every queue once; one that fails or times out is left as it was. */
  async pollOnce(): Promise<void> {
    const { prefix, services } = this.options;
    const names = services.flatMap((service) => [queueName(prefix, service), deadLetterQueueName(prefix, service)]);
    for (const name of names) {
      if (this.stopping.signal.aborted) return;
      try {
        this.depths.set(name, await this.read(name));
      } catch {
        // A queue not there (yet) or an emulator that is slow: the next poll tries again.
      }
    }
  }

  private async read(name: string): Promise<QueueDepth> {
    const abortSignal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.timeoutMs ?? 2_000)]);
    let url = this.urls.get(name);
    if (url === undefined) {
      const { QueueUrl } = await this.options.sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal });
      if (QueueUrl === undefined) throw new Error(`no URL for ${name}`);
      this.urls.set(name, (url = QueueUrl));
    }
    const { Attributes = {} } = await this.options.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...ATTRIBUTES] }),
      { abortSignal },
    );
    return {
      queue: name,
      visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  }
}
