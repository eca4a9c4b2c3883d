import type { HistoryEntry } from './history.js';
import type { Money } from './money.js';
import type { ReceiptView } from './receipt.js';
import type { StageView } from './stage.js';

/**
 * A note's life: the app creates it `received` (the employee's draft: it can still be
 * corrected and deleted); submitting it moves it to `submitted` while the checks run, then
 * `awaiting_approval`; an approver approves it, rejects it or sends it back (`needs_changes`,
 * the owner corrects and submits again); an approved note joins a reimbursement batch
 * (`batched`), which is then `paid`. From submission on it is no longer the employee's to delete.
 */
export const NOTE_STATUSES = [
  'received',
  'submitted',
  'awaiting_approval',
  'needs_changes',
  'approved',
  'rejected',
  'batched',
  'paid',
] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
/** Statuses in which the owner may still delete the note: a draft never submitted. */
export const DRAFT_STATUSES: readonly NoteStatus[] = ['received'];
/** Statuses in which the owner may correct (PATCH) the note: a draft, or a note an approver sent back. */
export const EDITABLE_STATUSES: readonly NoteStatus[] = ['received', 'needs_changes'];
/** Statuses in which the note's figures may still change, so the services that compute them recompute on every change. */
export const OPEN_STATUSES: readonly NoteStatus[] = ['received', 'submitted', 'awaiting_approval', 'needs_changes'];

/** A fuel expense's vehicle and energy: how much of its VAT is recoverable depends on both. */
export const FUEL_VEHICLES = ['passenger_car', 'utility_vehicle'] as const;
export const FUEL_ENERGIES = ['petrol', 'diesel', 'lpg', 'natural_gas', 'electricity'] as const;
export interface FuelPurchase {
  readonly vehicle: (typeof FUEL_VEHICLES)[number];
  readonly energy: (typeof FUEL_ENERGIES)[number];
}

/**
 * Whether a meal's invoice names the company: printed by the seller, added by the company
 * itself (it counts below 150 EUR excluding VAT), or not at all. Meal VAT is recoverable only when it does.
 */
export const COMPANY_MENTIONS = ['printed', 'added_by_company', 'absent'] as const;
export type CompanyMention = (typeof COMPANY_MENTIONS)[number];

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
  /** ISO 3166-1 alpha-2 country where the expense was made, e.g. "FR"; per diems depend on it. */
  readonly country?: string;
  /** For fuel. */
  readonly fuel?: FuelPurchase;
  /** For meals. */
  readonly companyMention?: CompanyMention;
  /** For meals: who ate (names), the employee included. */
  readonly attendees?: readonly string[];
  /**
   * The VAT lines as the employee confirmed them from the receipt (in the note's currency): when
   * present they are what the VAT is computed from, otherwise what the receipts' reading found.
   */
  readonly vatLines?: readonly VatLine[];
}

/** The fields of a note's input the app may leave out: what a new note stores when given, and what every API shows. */
export const OPTIONAL_NOTE_FIELDS = [
  'merchant',
  'category',
  'comment',
  'paymentMethod',
  'mileage',
  'project',
  'country',
  'fuel',
  'companyMention',
  'attendees',
  'vatLines',
] as const satisfies readonly (keyof NoteInput)[];

/** One rate's VAT on a receipt: the rate in percent ("20", "5.5") and the VAT amount ("8.34"). */
export interface VatLine {
  readonly rate: string;
  readonly amount: string;
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
  /** What an approver approved when less than the claimed amount (a partial approval, its reason in the history). */
  readonly approvedAmount?: Money;
}

/** A note with what the services have made of it, and every transition of its workflow. */
export interface NoteDetail extends Note {
  readonly receipts: readonly ReceiptView[];
  readonly stages: readonly StageView[];
  /** Oldest first. */
  readonly history: readonly HistoryEntry[];
}

export interface NotePage {
  readonly items: readonly Note[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}
