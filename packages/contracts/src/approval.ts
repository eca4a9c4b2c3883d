import type { Money } from './money.js';

/** A note awaiting an approver's decision, as their queue (GET /v1/approvals of the expense API) shows it. */
export interface ApprovalView {
  readonly noteId: string;
  readonly owner: string;
  readonly level: number;
  readonly noteVersion: number;
  readonly requestedAt: string;
  readonly date: string;
  readonly amount: Money;
  readonly merchant?: string;
  readonly category?: string;
}

export interface ApprovalPage {
  readonly items: readonly ApprovalView[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}
