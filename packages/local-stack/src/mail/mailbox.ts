import type { CaughtMail, StoredMail } from './caught-mail.js';

interface Waiter {
  offer(mail: CaughtMail): void;
  cancel(reason: Error): void;
}

/** Caught messages in memory, oldest first, and the callers waiting for one. */
export class Mailbox {
  readonly #stored: StoredMail[] = [];
  readonly #waiters = new Set<Waiter>();

  add(stored: StoredMail): void {
    this.#stored.push(stored);
    // Messages parse concurrently, so one may land before an earlier arrival.
    this.#stored.sort((a, b) => (a.mail.receivedAt < b.mail.receivedAt ? -1 : a.mail.receivedAt > b.mail.receivedAt ? 1 : 0));
    for (const waiter of [...this.#waiters]) waiter.offer(stored.mail);
  }

  /** Newest first. */
  list(): CaughtMail[] {
    return this.#stored.map((stored) => stored.mail).reverse();
  }

  get(id: string): StoredMail | undefined {
    return this.#stored.find((stored) => stored.mail.id === id);
  }

  /** Empties the mailbox and returns what it held. */
  clear(): StoredMail[] {
    return this.#stored.splice(0, this.#stored.length);
  }

  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs: number): Promise<CaughtMail> {
    try {
      const present = this.list().find(predicate);
      if (present) return Promise.resolve(present);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter = {
        offer: (mail) => {
          try {
            if (!predicate(mail)) return;
          } catch (error) {
            settle();
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          settle();
          resolve(mail);
        },
        cancel: (reason) => {
          settle();
          reject(reason);
        },
      };
      const timer = setTimeout(
        () => waiter.cancel(new Error(`No caught mail matched within ${timeoutMs} ms (${this.#stored.length} in the mailbox).`)),
        timeoutMs,
      );
      this.#waiters.add(waiter);
    });
  }

  /** Fails every pending `waitFor`. */
  close(): void {
    for (const waiter of [...this.#waiters]) waiter.cancel(new Error('The mail catcher stopped.'));
  }
}
