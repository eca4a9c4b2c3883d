/** A receipt the reconciler would look at: not final, and not moved on for its stuckAfter. */
export interface StalledReceipt {
  readonly tenant: string;
  readonly receiptId: string;
  readonly noteId?: string;
  readonly status: string;
  /** ISO time it last moved on or was looked at. */
  readonly since: string;
  readonly correlationId?: string;
}

export interface StalledView {
  readonly stuckAfterSeconds: number;
  readonly items: readonly StalledReceipt[];
}
