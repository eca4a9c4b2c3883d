/** One failed attempt at a message, as the error history keeps it. */
export interface AttemptFailure {
  readonly attempt: number;
  /** ISO time the attempt started. */
  readonly at: string;
  readonly durationMs: number;
  /** The error's class name: PermanentError, TimeoutError, ThrottlingException, ... */
  readonly errorName: string;
  readonly message: string;
}

/** Where a quarantined message came from, so that a replay can put it back. */
export type QuarantineSource =
  | { readonly kind: 'sqs'; readonly queueName: string }
  | { readonly kind: 'stream'; readonly table: string; readonly shardId: string; readonly sequenceNumber: string };

/** A message that left the hot path: everything needed to understand it and replay it. */
export interface QuarantineEntry {
  readonly service: string;
  readonly source: QuarantineSource;
  /** The message body, or the stream record as JSON (with its old and new images). */
  readonly payload: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Why it left: the last error's message, or "exhausted N attempts", or "reached the DLQ". */
  readonly reason: string;
  readonly failures: readonly AttemptFailure[];
  readonly firstReceivedAt: string;
  readonly lastReceivedAt: string;
  /** The original message id (SQS) or event id (stream), for idempotent quarantining. */
  readonly originalId: string;
}

/** What consumers need of the quarantine: put a message there, durably, at most once per originalId. */
export interface QuarantineSink {
  /** `signal` cuts the write off, e.g. when an invocation's time runs out; a repeat of the same entry changes nothing. */
  quarantine(entry: QuarantineEntry, signal?: AbortSignal): Promise<void>;
}
