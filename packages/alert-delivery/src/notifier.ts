import type { AlertEvent } from '@ndf/alerting';
import type { Channel } from './channel.js';
import { ChannelSender, DEFAULT_RETRY, type DeliveryFailure, type RetryPolicy } from './channel-sender.js';
import { noticeOfEvent, type NoticeLinks } from './event-notice.js';
import type { AlertNotice } from './notice.js';
import { realTimers, type Timers } from './timers.js';

export const DEFAULT_GROUP_INTERVAL_MS = 3_000;

export interface NotifierOptions {
  readonly channels: readonly Channel[];
  readonly links?: NoticeLinks;
  /** Events within this long of a message sent go out together, in one message, at its end. */
  readonly groupIntervalMs?: number;
  readonly retry?: RetryPolicy;
  readonly timers?: Timers;
  /** Told of each failed attempt of a channel (it is retried). */
  readonly onFailure?: (failure: DeliveryFailure) => void;
}

/** What a stopped notifier could not deliver, by channel. */
export type Undelivered = Record<string, number>;

/**
 * Sends the monitor's alert events to every channel, grouped as Alertmanager does, so that an
 * outage hitting ten components is one page rather than ten: the first event goes out at
 * once; those that follow within the group interval wait for its end and go out together;
 * a quiet interval closes the group. Every event is delivered; each channel is retried with
 * backoff on its own, so that a failing one never holds back the others.
 */
export class Notifier {
  private readonly senders: ChannelSender[];
  private readonly groupIntervalMs: number;
  private readonly timers: Timers;
  private readonly links: NoticeLinks;
  private grouped: AlertNotice[] = [];
  private closeGroup: (() => void) | undefined;

  constructor(options: NotifierOptions) {
    const onFailure = options.onFailure ?? (() => undefined);
    this.senders = options.channels.map((channel) => new ChannelSender(channel, options.retry ?? DEFAULT_RETRY, onFailure));
    this.groupIntervalMs = options.groupIntervalMs ?? DEFAULT_GROUP_INTERVAL_MS;
    this.timers = options.timers ?? realTimers;
    this.links = options.links ?? {};
  }

  notify(event: AlertEvent): void {
    const notice = noticeOfEvent(event, this.links);
    if (this.closeGroup) {
      this.grouped.push(notice);
      return;
    }
    this.dispatch([notice]);
  }

  /** Resolves once every channel has taken every message sent so far (what waits for the end of its group is not sent yet). */
  async settled(): Promise<void> {
    await Promise.all(this.senders.map((sender) => sender.idle()));
  }

  /** Sends what waits for the end of its group now, then waits until every channel has taken everything. */
  async flush(): Promise<void> {
    this.endGroup();
    await this.settled();
  }

  /** Flushes, waiting at most `drainMs` for the channels, then stops retrying; returns what was left undelivered. */
  async stop(drainMs = 5_000): Promise<Undelivered> {
    this.closeGroup?.();
    this.closeGroup = undefined;
    if (this.grouped.length > 0) this.dispatch(this.grouped.splice(0), false);
    let drainTimer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.senders.map((sender) => sender.idle())),
      new Promise((resolve) => (drainTimer = setTimeout(resolve, drainMs))),
    ]);
    clearTimeout(drainTimer);
    await Promise.all(this.senders.map((sender) => sender.stop()));
    return Object.fromEntries(this.senders.filter((sender) => sender.pending > 0).map((sender) => [sender.name, sender.pending]));
  }

  private dispatch(notices: AlertNotice[], openGroup = true): void {
    for (const sender of this.senders) sender.enqueue(notices);
    if (openGroup) this.closeGroup = this.timers.after(this.groupIntervalMs, () => this.endGroup());
  }

  /** The group interval is over: what arrived during it goes out as one message and opens the next. */
  private endGroup(): void {
    this.closeGroup?.();
    this.closeGroup = undefined;
    if (this.grouped.length > 0) this.dispatch(this.grouped.splice(0));
  }
}
