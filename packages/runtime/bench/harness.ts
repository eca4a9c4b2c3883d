import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

export const REGION = 'eu-west-1';

export function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 25_000, throwOnRequestTimeout: true },
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function createQueue(sqs: SQSClient, name: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '30' } }));
  if (!QueueUrl) throw new Error(`no URL for queue ${name}`);
  return QueueUrl;
}

/** Sends `count` bodies (by default "0".."count-1") in batches of 10, `parallel` batches at a time. */
export async function fill(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  parallel = 16,
  body: (index: number) => string = String,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next;
      next = Math.min(count, next + 10);
      const entries = Array.from({ length: next - start }, (_, index) => ({ Id: String(index), MessageBody: body(start + index) }));
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      if (Failed.length > 0) throw new Error(`send failed: ${Failed[0]?.Message ?? 'unknown'}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** What is left on a queue after a run: a receive that sees any visible message, and the approximate counts. */
export async function leftovers(sqs: SQSClient, queueUrl: string): Promise<{ received: number; visible: number; notVisible: number }> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 0 }),
  );
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    received: Messages.length,
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    notVisible: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/** The peak resident set size between start() and stop(), sampled every 100 ms. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  start(): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => this.sample(), 100);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Counts handled and deleted messages of one run, records per-message latencies, and resolves
 * `allDeleted` with the moment the last expected delete was seen.
 */
export class RunTally {
  readonly latencies: number[] = [];
  private readonly seen = new Set<string>();
  handled = 0;
  duplicates = 0;
  deleted = 0;
  private finishedAt: number | undefined;
  private resolveDone: (at: number) => void = () => undefined;
  readonly allDeleted: Promise<number>;

  constructor(readonly expected: number) {
    this.allDeleted = new Promise((resolve) => (this.resolveDone = resolve));
  }

  handledOne(body: string, receivedAt: number): void {
    this.latencies.push(performance.now() - receivedAt);
    this.handled += 1;
    if (this.seen.has(body)) this.duplicates += 1;
    else this.seen.add(body);
  }

  deletedSome(count: number): void {
    this.deleted += count;
    if (this.deleted >= this.expected && this.finishedAt === undefined) {
      this.finishedAt = performance.now();
      this.resolveDone(this.finishedAt);
    }
  }

  get unique(): number {
    return this.seen.size;
  }
}

/**
 * About 10 % of the messages take 200 ms, picked by a hash of the body rather than every tenth,
 * which would put exactly one slow message in every batch of 10 and penalise batch-bound consumers.
 */
export function isSlow(body: string | undefined): boolean {
  let hash = Math.imul(Number(body) ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) % 100 < 10;
}
