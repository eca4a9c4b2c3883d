import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Metrics } from '../observability/metrics.js';

interface PendingDelete {
  readonly receiptHandle: string;
  readonly messageId: string;
  attempts: number;
}

export interface DeleteBatcherOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly metrics: Metrics;
  readonly log: (event: Record<string, unknown>) => void;
  /** How long a delete may wait for companions before its batch leaves. */
  readonly lingerMs?: number;
  readonly maxAttempts?: number;
}

/**
 * Deletes handled messages in batches of up to 10. A failed delete is retried with backoff;
 * one that keeps failing is reported, and its message comes back later (effects are idempotent).
 */
export class DeleteBatcher {
  private pending: PendingDelete[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly options: DeleteBatcherOptions) {}

  delete(receiptHandle: string, messageId: string): void {
    this.pending.push({ receiptHandle, messageId, attempts: 0 });
    if (this.pending.length >= 10) this.send();
    else this.timer ??= setTimeout(() => this.send(), this.options.lingerMs ?? 10);
  }

  /** Sends what waits and resolves once every delete so far has succeeded or been given up. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.inFlight.size > 0) {
      if (this.pending.length > 0) this.send();
      await Promise.all([...this.inFlight]);
    }
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 10);
      const task = this.sendBatch(batch).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
  }

  private async sendBatch(batch: PendingDelete[]): Promise<void> {
    let failed: PendingDelete[];
    let reason = '';
    try {
      const result = await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: batch.map((entry, index) => ({ Id: String(index), ReceiptHandle: entry.receiptHandle })),
        }),
      );
      failed = (result.Failed ?? []).map((failure) => batch[Number(failure.Id)]!);
      reason = result.Failed?.[0]?.Message ?? '';
      this.options.metrics.increment('deleted', batch.length - failed.length);
    } catch (error) {
      failed = batch;
      reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    for (const entry of failed) {
      entry.attempts += 1;
      if (entry.attempts >= (this.options.maxAttempts ?? 5)) {
        this.options.metrics.increment('delete_failed');
        this.options.log({ level: 'error', event: 'delete-failed', messageId: entry.messageId, attempts: entry.attempts, reason });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** entry.attempts * Math.random()));
      this.pending.push(entry);
    }
    if (failed.length > 0 && this.pending.length > 0) this.send();
  }
}
