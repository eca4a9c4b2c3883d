import type { Money } from './money.js';
import type { ReceiptView } from './receipt.js';
import type { StageView } from './stage.js';

/**
 * A note's life: the app creates it `received` (the employee's draft: it can still be
 * corrected and deleted); submitting it for approval moves it on, and from then on it is no
 * longer the employee's to delete.
 */
export const NOTE_STATUSES = ['received', 'submitted', 'approved', 'rejected', 'paid'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
/** Statuses in which the owner may still correct (PATCH) or delete the note. */
export const DRAFT_STATUSES: readonly NoteStatus[] = ['received'];

export const PAYMENT_METHODS = ['company_card', 'personal_card', 'cash', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const VEHICLES = ['car', 'motorcycle', 'moped'] as const;
export type Vehicle = (typeof VEHICLES)[number];

export interface Mileage {
  /** Kilometres as a decimal string with at most one decimal, e.g. "42.5". */
  readonly km: string;
  /** Fiscal horsepower (CV). */
  readonly fiscalPower: number;
  readonly vehicle: Vehicle;
  readonly electric?: boolean;
}

/** A note lists at most this many receipts, whether listed at creation or asked for with its id. */
export const MAX_RECEIPTS_PER_NOTE = 10;

/** What the app sends to create a note. */
export interface NoteInput {
  /** ISO date of the expense, e.g. 2024-03-12. */
  readonly date: string;
  readonly amount: Money;
  readonly merchant?: string;
  readonly category?: string;
  readonly comment?: string;
  readonly paymentMethod?: PaymentMethod;
  readonly receiptIds?: readonly string[];
  readonly mileage?: Mileage;
  readonly project?: string;
}

/** A correction (JSON merge patch): a field present replaces, null removes an optional one. */
export type NotePatch = {
  readonly [K in keyof Omit<NoteInput, 'receiptIds'>]?: K extends 'date' | 'amount' ? NoteInput[K] : NoteInput[K] | null;
};

export interface Note extends Omit<NoteInput, 'receiptIds'> {
  readonly id: string;
  readonly status: NoteStatus;
  /** Starts at 1, grows by one at each change; send it back in If-Match to correct the note. */
  readonly version: number;
  /** The user who created it. */
  readonly owner: string;
  readonly receiptIds: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A note with what the services have made of it. */
export interface NoteDetail extends Note {
  readonly receipts: readonly ReceiptView[];
  readonly stages: readonly StageView[];
}

export interface NotePage {
  readonly items: readonly Note[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}
