/** Where an alert stands: just raised, raised again with something new, or over. */
export type NoticeState = 'firing' | 'updated' | 'resolved';

/** A way for the on-call engineer to see more: a command to type or a page to open. */
export type SeeMore = { readonly command: string } | { readonly link: string; readonly label?: string };

export interface RunbookRef {
  /** The runbook's kind (`queue-lagging`), shown as the link's text. */
  readonly name: string;
  readonly url: string;
}

/**
 * One alert as a person reads it, whatever raised it: the local monitor's AlertBook or a
 * CloudWatch alarm. Mail, chat and console render these, so that both places page alike.
 */
export interface AlertNotice {
  readonly state: NoticeState;
  readonly component: string;
  /** What was seen, one line each, most telling first. */
  readonly seen: readonly string[];
  /** Milliseconds since the epoch: when the condition was first seen, if known (an alarm back to OK does not say). */
  readonly since?: number;
  /** When this notice was raised. */
  readonly at: number;
  readonly resolvedAt?: number;
  /** Requests, notes or receipts involved. */
  readonly correlationIds: readonly string[];
  readonly runbooks: readonly RunbookRef[];
  readonly seeMore: readonly SeeMore[];
}
