import { LeaseLostError, type CheckpointTable } from './checkpoints.js';

/**
 * The lease of one shard while it is read: renewed in the background a few times per lease
 * period; `signal` aborts when another consumer has taken the shard over.
 */
export class ShardLease {
  readonly #table: CheckpointTable;
  readonly #shardId: string;
  readonly #now: () => number;
  readonly #lost = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #log: (event: Record<string, unknown>) => void;
  #validUntil: number;
  #finished = false;

  constructor(table: CheckpointTable, shardId: string, log: (event: Record<string, unknown>) => void, now: () => number = Date.now) {
    this.#table = table;
    this.#shardId = shardId;
    this.#now = now;
    this.#log = log;
    this.#validUntil = now() + table.leaseDurationMs;
    this.#timer = setInterval(() => void this.#renew().catch(() => undefined), Math.max(50, table.leaseDurationMs / 3));
    this.#timer.unref();
  }

  get signal(): AbortSignal {
    return this.#lost.signal;
  }

  /** Renews the lease first if it may have run out; throws LeaseLostError once it is lost. */
  async assertHeld(): Promise<void> {
    if (this.#lost.signal.aborted) throw this.#lost.signal.reason;
    // A margin for the clock difference between consumers and the time the batch takes to start.
    if (this.#now() > this.#validUntil - this.#table.leaseDurationMs / 3) await this.#renew();
  }

  async checkpoint(sequenceNumber: string): Promise<void> {
    await this.#guard(() => this.#table.checkpoint(this.#shardId, sequenceNumber));
  }

  /** The shard was read to its end. */
  async finish(): Promise<void> {
    clearInterval(this.#timer);
    await this.#guard(() => this.#table.finish(this.#shardId));
    this.#finished = true;
  }

  /** Stops renewing and, unless lost or finished, hands the shard back. */
  async release(): Promise<void> {
    clearInterval(this.#timer);
    if (this.#lost.signal.aborted || this.#finished) return;
    await this.#table
      .release(this.#shardId)
      .catch((error: unknown) => this.#log({ event: 'lease-release-failed', shardId: this.#shardId, error: String(error) }));
  }

  async #renew(): Promise<void> {
    await this.#guard(() => this.#table.renew(this.#shardId));
  }

  async #guard(write: () => Promise<void>): Promise<void> {
    if (this.#lost.signal.aborted) throw this.#lost.signal.reason;
    const startedAt = this.#now();
    try {
      await write();
      this.#validUntil = startedAt + this.#table.leaseDurationMs;
    } catch (error) {
      if (error instanceof LeaseLostError) {
        clearInterval(this.#timer);
        this.#log({ event: 'lease-lost', shardId: this.#shardId });
        this.#lost.abort(error);
      } else {
        this.#log({ event: 'lease-write-failed', shardId: this.#shardId, error: String(error) });
      }
      throw error;
    }
  }
}
