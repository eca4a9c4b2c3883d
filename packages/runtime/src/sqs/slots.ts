import { AbandonedHandlers } from '../lifecycle/abandoned-handlers.js';

/**
 * A counting semaphore: how many messages may be in hand at once. A handler abandoned past its
 * deadline keeps a slot until it really stops, since it still holds CPU, memory and connections:
 * its message has its outcome, but the capacity it uses is not free.
 */
export class Slots {
  private used = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    private readonly abandoned: AbandonedHandlers = new AbandonedHandlers(),
  ) {}

  get inUse(): number {
    return this.used;
  }

  get free(): number {
    return Math.max(0, this.capacity - this.used);
  }

  /** Handlers abandoned past their deadline that have not stopped yet. */
  get abandonedInFlight(): number {
    return this.abandoned.inFlight;
  }

  /** Takes up to `wanted` free slots (at least one), waiting for one to free if none is; rejects on abort. */
  async take(wanted: number, signal: AbortSignal): Promise<number> {
    while (this.free === 0) {
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          this.waiters = this.waiters.filter((waiter) => waiter !== wake);
          reject(signal.reason);
        };
        const wake = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiters.push(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    const taken = Math.min(wanted, this.free);
    this.used += taken;
    return taken;
  }

  release(count = 1): void {
    this.used -= count;
    const waiters = this.waiters.splice(0, count);
    for (const wake of waiters) wake();
  }

  /**
   * Counts an abandoned handler against the capacity until `stillRunning` settles. Called while
   * its message still has its own slot, which is released as usual once its outcome is decided.
   */
  holdUntilSettled(stillRunning: Promise<unknown>): void {
    this.used += 1;
    void this.abandoned.track(stillRunning).then(() => this.release());
  }

  /** Resolves once every slot is free again, but for abandoned handlers: their messages are already back in the queue. */
  async drained(): Promise<void> {
    while (this.used - this.abandoned.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
