import type { ITEM_TYPES } from '../item-types.js';
import type { Money } from '../money.js';
import type { NoteStatus } from '../note.js';

/** A band of the yearly scale: `d x perKm + plus` euros for a year's distance `d` from `fromKm` up to `upToKm`. */
export interface MileageBand {
  readonly index: number;
  readonly fromKm: string;
  readonly upToKm?: number;
  readonly perKm: string;
  readonly plus: string;
}

/**
 * The mileage-calculator's stage outcome for a mileage note: what the company owes for the
 * trip. `declared` is the note's amount as the employee typed it; `allowance` is computed from
 * the scale and is what the batcher pays (never the declared amount). Amounts carry no VAT.
 * The owner's whole year is in its MileageYearItem (`mileageYearKey(owner, year)`).
 */
export interface MileageAllowanceOutcome {
  readonly kind: 'allowance';
  readonly declared: Money;
  readonly allowance: Money;
  /** allowance - declared, with a sign ("-12.40": the employee declared more than the scale gives); absent when declared in another currency. */
  readonly allowanceMinusDeclared?: Money;
  readonly year: number;
  /** The scale the year was computed with (`FR-2023`, `FR-2023-carried-to-2026`, ...). */
  readonly scaleId: string;
  /** The vehicle the year's distance is counted for: the note's vehicle type, fiscal power and energy. */
  readonly vehicleId: string;
  readonly distanceKm: string;
  /** The employee's distance in the year with this vehicle before and after this trip (notes in date order, then id). */
  readonly cumulativeBeforeKm: string;
  readonly cumulativeAfterKm: string;
  /** The bands the trip runs through: two when it crosses a bound, each paid at its formula. */
  readonly bands: readonly MileageBand[];
}

/** The stage of a note that carried mileage and no longer does: it owes no allowance. */
export interface NotMileageOutcome {
  readonly kind: 'not_mileage';
}

export type MileageCalculatorOutcome = MileageAllowanceOutcome | NotMileageOutcome;

/** Codes of a refused mileage stage; the reason names what to correct. */
export type MileageRefusalCode = 'mileage_vehicle_not_covered' | 'mileage_no_scale' | 'mileage_invalid';

/** One mileage note of the year as last computed. */
export interface MileageYearNote {
  readonly noteId: string;
  readonly date: string;
  readonly distanceKm: string;
  readonly status: NoteStatus;
  readonly allowance: Money;
  /**
   * For a note approved, batched or paid (its figures frozen): the allowance its stage held
   * when it was frozen, which the batcher pays or paid for it. Absent for an open note.
   */
  readonly committed?: Money;
}

/** A note whose allowance moved after it was frozen: what was paid (or will be) for it, what it is worth now. */
export interface MileageAdjustmentLine {
  readonly noteId: string;
  /** Its frozen allowance plus every regularisation paid for it since. */
  readonly paid: Money;
  /** What it is worth now: 0 for a note no longer in the year. */
  readonly due: Money;
  /** due - paid: positive to pay the employee, negative to recover. */
  readonly difference: Money;
}

/** A difference the batcher paid or recovered, appended by the batcher (never by the calculator). */
export interface MileageRegularisation {
  /** The batch that carried it: the batcher never appends the same id twice. */
  readonly id: string;
  readonly at: string;
  readonly lines: readonly { readonly noteId: string; readonly amount: Money }[];
}

/**
 * One employee's year of mileage (pk `T#<tenant>#MILEAGE`, sk `Y#<year>#U#<owner>`, see
 * notes-table-keys.ts): every mileage note of the year as last computed, and what is left to
 * pay or recover for notes already frozen. While `adjustmentDue` is pay or recover, the item is
 * in gsi1 under `MILEAGE_DUE#<shard>` (mileage-due.ts), where the reimbursement batcher finds it:
 * the batcher adds `adjustment.lines` to the employee's batch (a recovery only as far as what the
 * batch owes the employee: the rest stays due), and in one conditional write (`revision = <read>`,
 * revision + 1) appends a regularisation with the lines it carried and takes them off
 * `adjustment` (zero, `adjustmentDue` none and out of the index, when it carried them all). The
 * calculator writes every other field, also conditionally on the revision, and counts every
 * regularisation as paid: so a difference is paid once, and never lost.
 */
export interface MileageYearItem {
  readonly pk: string;
  readonly sk: string;
  readonly type: typeof ITEM_TYPES.mileageYear;
  readonly tenant: string;
  readonly owner: string;
  readonly year: number;
  /** Grows by one at each write, the calculator's or the batcher's. */
  readonly revision: number;
  readonly computedAt: string;
  readonly scaleIds: readonly string[];
  /** The year's distance and allowance per vehicle. */
  readonly vehicles: readonly { readonly vehicleId: string; readonly distanceKm: string; readonly allowance: Money }[];
  readonly notes: readonly MileageYearNote[];
  readonly adjustment: { readonly total: Money; readonly lines: readonly MileageAdjustmentLine[] };
  readonly adjustmentDue: 'pay' | 'recover' | 'none';
  /** Mileage notes of the year the scale cannot price (their stage says why): not counted in the distance. */
  readonly refusedNoteIds: readonly string[];
  readonly regularisations: readonly MileageRegularisation[];
  /** `MILEAGE_DUE#<shard>` and `<tenant>#<year>#<owner>` while something is due, absent otherwise. */
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
}
