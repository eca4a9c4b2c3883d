import type { Money } from './money.js';
import type { NoteStatus } from './note.js';

/** What the company owes for one note, or why it cannot say yet (issue 14's one definition, @ndf/amount-owed). */
export type ReportOwed =
  | { readonly kind: 'owed'; readonly amount: Money; readonly paidByCompanyCard: boolean }
  | { readonly kind: 'unavailable'; readonly code: string; readonly reason: string };

/** The recoverable VAT of a note, from its vat-calculator stage, or why there is none to show. */
export type ReportVat =
  | { readonly kind: 'computed'; readonly recoverable: Money }
  | { readonly kind: 'unavailable'; readonly code: string; readonly reason: string };

/** One note of the month, as its employee's section of the report lists it. */
export interface ReportNote {
  readonly noteId: string;
  readonly date: string;
  readonly status: NoteStatus;
  readonly amount: Money;
  readonly category?: string;
  readonly merchant?: string;
  readonly paymentMethod?: string;
  /** False for a draft (not claimed yet) and a rejected note (owed nothing): listed, but in no total. */
  readonly countedInTotals: boolean;
  readonly owed: ReportOwed;
  readonly recoverableVat: ReportVat;
}

/** An employee's totals over the month's notes submitted and not rejected, each exact; a figure left out of a total is counted in `unavailable`. */
export interface ReportTotals {
  /** The notes' own amounts, per currency (a foreign expense in its currency). */
  readonly claimed: readonly Money[];
  /** In EUR, over the notes whose amount owed is known. */
  readonly owed: Money;
  /** In EUR, over the notes whose VAT is computed in EUR. */
  readonly recoverableVat: Money;
  /** The amounts of the notes paid with the company card, per currency. */
  readonly paidByCompanyCard: readonly Money[];
  /** How many notes each figure left out, because it is not known yet. */
  readonly unavailable: { readonly owed: number; readonly recoverableVat: number };
}

/** An employee's notes on one page of the report, by date. */
export interface ReportSection {
  readonly employee: string;
  readonly notes: readonly ReportNote[];
}

/** GET /v1/reports/monthly: one page of a month's notes, grouped per employee (by id, then by date). */
export interface MonthlyReport {
  /** YYYY-MM */
  readonly month: string;
  readonly employees: readonly ReportSection[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}

/** An employee's totals over the whole month, and how many of their notes the month holds. */
export interface ReportEmployeeTotals {
  readonly employee: string;
  readonly notes: number;
  readonly totals: ReportTotals;
}

/** GET /v1/reports/monthly/totals: each employee's totals over the whole month, in one answer. */
export interface MonthlyTotals {
  /** YYYY-MM */
  readonly month: string;
  readonly employees: readonly ReportEmployeeTotals[];
}

/** GET /v1/notes/{id}/audit: every recorded change of the note (and of its receipts), oldest first. */
export interface AuditTrailView {
  readonly noteId: string;
  readonly records: readonly AuditTrailEntry[];
}

export interface AuditTrailEntry {
  readonly at: string;
  readonly itemType: string;
  readonly event: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly receiptId?: string;
  readonly status?: { readonly before?: unknown; readonly after?: unknown };
  readonly action?: string;
  readonly reason?: string;
  readonly changes: readonly { readonly field: string; readonly before?: unknown; readonly after?: unknown; readonly personal?: true }[];
  readonly correlationId?: string;
  readonly partial?: true;
}
