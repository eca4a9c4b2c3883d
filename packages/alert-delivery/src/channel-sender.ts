import { backOff } from 'exponential-backoff';
import type { Channel } from './channel.js';
import type { AlertNotice } from './notice.js';

export interface RetryPolicy {
  /** The ceiling of the first wait; it doubles after each failure. */
  readonly startingDelayMs: number;
  /** The largest ceiling of a wait. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { startingDelayMs: 500, maxDelayMs: 30_000 };

/** A failed attempt to send a group of notices; it will be tried again. */
export interface DeliveryFailure {
  readonly channel: string;
  readonly attempt: number;
  readonly error: unknown;
}

/** A wait that an abort ends at once. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The messages of one channel, sent one after the other in the order given, each retried with
 * an exponential backoff and full jitter until it is taken: a channel that fails holds back
 * only its own messages, and none is dropped while the sender runs.
 */
export class ChannelSender {
  private readonly queue: (readonly AlertNotice[])[] = [];
  private readonly stopping = new AbortController();
  private pumping: Promise<void> | undefined;

  constructor(
    private readonly channel: Channel,
    private readonly retry: RetryPolicy,
    private readonly onFailure: (failure: DeliveryFailure) => void,
  ) {}

  get name(): string {
    return this.channel.name;
  }

  /** Messages not yet taken by the channel. */
  get pending(): number {
    return this.queue.length;
  }

  enqueue(notices: readonly AlertNotice[]): void {
    if (this.stopping.signal.aborted) throw new Error(`The ${this.channel.name} channel is stopped.`);
    this.queue.push(notices);
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
  }

  /** Resolves once every message given so far has been taken (or the sender stopped). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Stops retrying; the messages still queued are left undelivered. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private async pump(): Promise<void> {
    const { signal } = this.stopping;
    while (this.queue.length > 0 && !signal.aborted) {
      const notices = this.queue[0]!;
      try {
        // exponential-backoff's own wait cannot be cancelled: it is set to nothing, and the
        // jittered wait happens in its retry hook, where a stop ends it.
        await backOff(() => this.channel.send(notices), {
          numOfAttempts: Number.MAX_SAFE_INTEGER,
          startingDelay: 0,
          jitter: 'none',
          retry: async (error: unknown, attempt: number) => {
            this.onFailure({ channel: this.channel.name, attempt, error });
            const ceiling = Math.min(this.retry.maxDelayMs, this.retry.startingDelayMs * 2 ** (attempt - 1));
            await pause(Math.random() * ceiling, signal);
            return !signal.aborted;
          },
        });
        this.queue.shift();
      } catch {
        return; // stopped while retrying: the message stays queued, counted as undelivered
      }
    }
  }
}
