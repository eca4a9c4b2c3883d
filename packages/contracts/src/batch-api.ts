import type { Money } from './money.js';

/** A reimbursement batch as the expense API shows it (GET /v1/batches/{batchId}). */
export interface Batch {
  readonly batchId: string;
  readonly status: 'open' | 'filed' | 'batched' | 'paid';
  readonly createdAt: string;
  readonly cutoff: string;
  readonly executionDate: string;
  readonly employees: readonly BatchEmployee[];
  readonly transfers: number;
  readonly controlSum: Money;
  readonly hasFile: boolean;
  readonly batchedAt?: string;
  readonly paidAt?: string;
  readonly paidBy?: string;
}

export interface BatchEmployee {
  readonly employee: string;
  readonly notes: readonly { readonly noteId: string; readonly amount: Money; readonly decidedBy: string }[];
  readonly gross: Money;
  readonly advances: readonly { readonly advanceId: string; readonly amount: Money; readonly remainingAfter: Money }[];
  readonly net: Money;
  readonly endToEndId?: string;
}

export interface BatchPage {
  readonly items: readonly Batch[];
  readonly nextCursor?: string;
}

/** A presigned download of a batch's SEPA file. */
export interface BatchFile {
  readonly url: string;
  readonly expiresAt: string;
  readonly contentType: 'application/xml';
}

/** POST /v1/advances: a cash advance paid to an employee. */
export interface AdvanceRequest {
  readonly employee: string;
  readonly amount: Money;
  readonly date: string;
  readonly reason: string;
}

export interface Advance {
  readonly advanceId: string;
  readonly employee: string;
  readonly amount: Money;
  readonly date: string;
  readonly reason?: string;
  readonly recordedBy?: string;
  readonly remaining: Money;
  readonly deductions: readonly { readonly batchId: string; readonly amount: Money }[];
}

export interface AdvanceList {
  readonly items: readonly Advance[];
}

/** What POST /v1/reference-rates loaded. */
export interface RatesLoad {
  readonly days: number;
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly recomputeRequested: number;
}
