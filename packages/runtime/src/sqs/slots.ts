/** A counting semaphore: how many messages may be in hand at once. */
export class Slots {
  private used = 0;
  private waiters: (() => void)[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  get free(): number {
    return this.capacity - this.used;
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

  /** Resolves once every slot is free again. */
  async drained(): Promise<void> {
    while (this.used > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
