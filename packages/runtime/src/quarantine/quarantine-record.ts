import type { AttemptFailure, QuarantineEntry, QuarantineSource } from './quarantine-entry.js';

/** quarantined → replaying → replayed, or quarantined → discarded. */
export type QuarantineStatus = 'quarantined' | 'replaying' | 'replayed' | 'discarded';

/** Who may replay or discard a quarantined message. */
export interface Operator {
  readonly id: string;
  readonly role: 'operator';
}

/** One operator action on a quarantined message. */
export interface AuditEvent {
  readonly action: 'replay' | 'discard';
  /** The operator's id. */
  readonly actor: string;
  /** ISO time. */
  readonly at: string;
  readonly reason?: string;
  /** Replays: the queue the message went to and its new message id. */
  readonly queueName?: string;
  readonly messageId?: string;
}

/** What a listing shows of a record: all but its payload, attributes and audit trail. */
export interface QuarantineSummary {
  /** The record's id within its service: the message's original id. */
  readonly id: string;
  readonly service: string;
  readonly source: QuarantineSource;
  readonly reason: string;
  readonly failures: readonly AttemptFailure[];
  readonly quarantinedAt: string;
  readonly status: QuarantineStatus;
  readonly payloadBytes: number;
  /** The tenant its payload names, if any (records quarantined before it was kept have none). */
  readonly tenant?: string;
}

/** A quarantined message in full, its payload re-joined when it was kept in S3, with its append-only audit. */
export interface QuarantineRecord extends QuarantineEntry, QuarantineSummary {
  readonly audit: readonly AuditEvent[];
}

export interface QuarantineListOptions {
  readonly service?: string;
  readonly since?: Date;
  /** At most this many records per page (default 50). */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface QuarantinePage {
  readonly items: readonly QuarantineSummary[];
  /** Present while more records may follow; pass it back to get them. */
  readonly cursor?: string;
}

export interface ReplayOptions {
  readonly operator: Operator;
  readonly reason?: string;
  /** Where to send the payload: required for stream sources, defaults to the source queue for SQS. */
  readonly queueName?: string;
}

export interface ReplayResult {
  /** False when an earlier replay had already sent it. */
  readonly sent: boolean;
  readonly queueName: string;
  readonly messageId: string;
}

export interface DiscardOptions {
  readonly operator: Operator;
  readonly reason: string;
}
