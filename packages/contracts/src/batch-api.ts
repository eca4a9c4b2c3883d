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
  /** The employee's mileage years whose difference the batch pays (positive) or recovers (negative, as far as their notes allow). */
  readonly mileage?: readonly BatchMileageRegularisation[];
  readonly gross: Money;
  readonly advances: readonly { readonly advanceId: string; readonly amount: Money; readonly remainingAfter: Money }[];
  readonly net: Money;
  readonly endToEndId?: string;
}

/** A mileage year's difference carried by a batch: a new scale or a correction moved notes already approved or paid. */
export interface BatchMileageRegularisation {
  readonly year: number;
  /** Signed: "+" paid to the employee, "-" recovered. */
  readonly amount: Money;
  readonly lines: readonly { readonly noteId: string; readonly amount: Money }[];
  /** What is left to recover after the batch, when it could not take it all (negative). */
  readonly stillDue?: Money;
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
