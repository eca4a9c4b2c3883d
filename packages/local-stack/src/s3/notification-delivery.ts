import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface DeliveryOptions {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly log: (message: string) => void;
}

/** Messages waiting for one queue, sent in order. */
interface Lane {
  readonly messages: string[];
  running: boolean;
  wake: (() => void) | undefined;
}

/**
 * Sends messages to the SQS queue named by an ARN, as S3 does, keeping them in memory and retrying with exponential backoff while
 * SQS is unreachable, so that a message is never dropped while the process runs.
 */
export class NotificationDelivery {
  /** Lanes by queue ARN. */
  private readonly lanes = new Map<string, Lane>();
  private readonly queueUrls = new Map<string, string>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly sqs: SQSClient,
    private readonly options: DeliveryOptions,
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
  }

  get pending(): number {
    let count = 0;
    for (const lane of this.lanes.values()) count += lane.messages.length;
    return count;
  }

  enqueue(queueArn: string, body: string): void {
    if (this.stopped) {
      this.options.log(`S3 notification for ${queueArn} not sent: the S3 edge is stopped`);
      return;
    }
    let lane = this.lanes.get(queueArn);
    if (!lane) {
      lane = { messages: [], running: false, wake: undefined };
      this.lanes.set(queueArn, lane);
    }
    lane.messages.push(body);
    if (!lane.running) void this.drain(queueArn, lane);
  }

  /** The queue's URL, looked up once by name and account as S3 resolves its destinations. */
  private async queueUrl(queueArn: string): Promise<string> {
    const known = this.queueUrls.get(queueArn);
    if (known) return known;
    const [, , , , account, name] = queueArn.split(':');
    const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }));
    if (!QueueUrl) throw new Error(`SQS gave no URL for ${queueArn}`);
    this.queueUrls.set(queueArn, QueueUrl);
    return QueueUrl;
  }

  /** Resolves once every message enqueued so far has been sent; waiting lanes retry at once. */
  flush(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    for (const lane of this.lanes.values()) lane.wake?.();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops retrying; answers how many messages were left undelivered. */
  stop(): number {
    this.stopped = true;
    for (const lane of this.lanes.values()) lane.wake?.();
    const left = this.pending;
    if (left > 0) this.options.log(`S3 edge stopped with ${left} notification(s) undelivered`);
    return left;
  }

  private async drain(queueArn: string, lane: Lane): Promise<void> {
    lane.running = true;
    let failures = 0;
    while (lane.messages.length > 0 && !this.stopped) {
      const body = lane.messages[0] as string;
      try {
        await this.sqs.send(new SendMessageCommand({ QueueUrl: await this.queueUrl(queueArn), MessageBody: body }));
        lane.messages.shift();
        failures = 0;
      } catch (error) {
        failures += 1;
        // The queue may have been recreated (an emulator restart) under another URL.
        this.queueUrls.delete(queueArn);
        const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (failures - 1));
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.options.log(
          `S3 notification to ${queueArn} failed (attempt ${failures}, ${lane.messages.length} waiting), retrying in ${delay} ms: ${reason}`,
        );
        await this.pause(lane, delay);
      }
    }
    lane.running = false;
    if (this.pending === 0 || this.stopped) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private pause(lane: Lane, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        lane.wake = undefined;
        resolve();
      }
      lane.wake = done;
    });
  }
}
