import {
  fromMinorUnits,
  signedMinorUnits,
  toMinorUnits,
  type MileageAdjustmentLine,
  type MileageAllowanceOutcome,
  type MileageRegularisation,
  type MileageYearItem,
  type MileageYearNote,
  type NoteItem,
  type NoteStatus,
} from '@ndf/contracts';
import { computeAllowances, settle, type ScaleBook, type Trip, type TripPayment } from '@ndf/mileage-scale';
import type { StageOutcome } from '@ndf/receipt-pipeline';
import { FROZEN_STATUSES, LEFT_OUT_STATUSES } from './statuses.js';
import { tripOfNote } from './trip-of-note.js';

type MileageNote = NoteItem & { mileage: NonNullable<NoteItem['mileage']> };

export interface EmployeeYearInput {
  readonly year: number;
  /** The employee's notes that are (or were, for the one that changed) mileage notes of the year, as they stand. */
  readonly notes: readonly NoteItem[];
  /** For each frozen note: the allowance its stage holds, in cents (absent when it never got one). */
  readonly committedCents: ReadonlyMap<string, bigint>;
  /** What the batcher already paid or recovered for the year's differences. */
  readonly regularisations: readonly MileageRegularisation[];
  readonly book: ScaleBook;
}

/** A stage to write for an open note. */
export interface NoteStageWrite {
  readonly note: { readonly noteId: string; readonly version: number };
  readonly stage: StageOutcome;
}

/** The year's figures: the stages of its open notes, and the employee-year item's fields. */
export interface EmployeeYear {
  readonly stages: readonly NoteStageWrite[];
  readonly summary: Pick<MileageYearItem, 'scaleIds' | 'vehicles' | 'notes' | 'adjustment' | 'adjustmentDue' | 'refusedNoteIds'>;
}

const eur = (cents: bigint) => fromMinorUnits(cents, 'EUR');
const isFrozen = (status: NoteItem['status']) => FROZEN_STATUSES.includes(status as NoteStatus);
const hasMileage = (note: NoteItem): note is MileageNote => note.mileage !== undefined && note.mileage !== null;

/**
 * The allowance of every mileage note of one employee's year, from all of them at once (the band
 * depends on the distance driven before each trip), and what is left to pay or recover for the
 * notes already frozen: their frozen allowance and the regularisations since count as paid.
 * Rejected and deleted notes are left out; a note the scale cannot price is refused alone.
 */
export function computeEmployeeYear(input: EmployeeYearInput): EmployeeYear {
  const stages: NoteStageWrite[] = [];
  const refusedNoteIds: string[] = [];
  const counted: { note: MileageNote; trip: Trip }[] = [];
  for (const note of input.notes) {
    if (LEFT_OUT_STATUSES.includes(note.status)) continue;
    if (!hasMileage(note)) {
      // It carried mileage and no longer does: its stage says it owes no allowance.
      if (!isFrozen(note.status))
        stages.push({ note, stage: { status: 'succeeded', code: 'not_mileage', outcome: { kind: 'not_mileage' } } });
      continue;
    }
    // A note moved to another year is that year's to compute.
    if (!note.date.startsWith(`${input.year}-`)) continue;
    const priced = tripOfNote(note, input.book);
    if ('trip' in priced) counted.push({ note, trip: priced.trip });
    else {
      refusedNoteIds.push(note.noteId);
      if (!isFrozen(note.status)) stages.push({ note, stage: { status: 'refused', ...priced.refusal } });
    }
  }
  const allowances = computeAllowances(
    counted.map(({ trip }) => trip),
    input.book,
  );
  const notes: MileageYearNote[] = [];
  counted.forEach(({ note }, index) => {
    const trip = allowances.trips[index]!;
    const committed = input.committedCents.get(note.noteId);
    notes.push({
      noteId: note.noteId,
      date: note.date,
      distanceKm: note.mileage.km,
      status: note.status as NoteStatus,
      allowance: trip.allowance,
      ...(isFrozen(note.status) ? { committed: eur(committed ?? 0n) } : {}),
    });
    if (isFrozen(note.status)) return;
    const outcome: MileageAllowanceOutcome = {
      kind: 'allowance',
      declared: note.amount,
      allowance: trip.allowance,
      ...(note.amount.currency === 'EUR' ? { allowanceMinusDeclared: eur(trip.cents - toMinorUnits(note.amount)) } : {}),
      year: input.year,
      scaleId: trip.scaleId,
      vehicleId: trip.vehicleId,
      distanceKm: note.mileage.km,
      cumulativeBeforeKm: trip.cumulativeBeforeKm,
      cumulativeAfterKm: trip.cumulativeAfterKm,
      bands: trip.bands,
    };
    stages.push({ note, stage: { status: 'succeeded', outcome: { ...outcome } } });
  });
  notes.sort((a, b) => a.date.localeCompare(b.date) || a.noteId.localeCompare(b.noteId));

  // Frozen notes only: an open note's allowance is paid from its stage once approved, not as an adjustment.
  const frozenIds = new Set(counted.filter(({ note }) => isFrozen(note.status)).map(({ note }) => note.noteId));
  const payments: TripPayment[] = [
    ...[...input.committedCents].map(([tripId, cents]) => ({ tripId, cents })),
    ...input.regularisations.flatMap((regularisation) =>
      regularisation.lines.map((line) => ({ tripId: line.noteId, cents: signedMinorUnits(line.amount) })),
    ),
  ];
  const settlement = settle({ trips: allowances.trips.filter((trip) => frozenIds.has(trip.tripId)), years: [] }, payments);
  const lines: MileageAdjustmentLine[] = settlement.lines
    .filter((line) => line.differenceCents !== 0n)
    .map((line) => ({ noteId: line.tripId, paid: eur(line.paidCents), due: eur(line.dueCents), difference: line.difference }));
  const total = settlement.totalDifferenceCents;
  return {
    stages,
    summary: {
      scaleIds: [...new Set(allowances.trips.map((trip) => trip.scaleId))].sort(),
      vehicles: allowances.years.map(({ vehicleId, distanceKm, allowance }) => ({ vehicleId, distanceKm, allowance })),
      notes,
      adjustment: { total: settlement.totalDifference, lines },
      adjustmentDue: total > 0n ? 'pay' : total < 0n ? 'recover' : 'none',
      refusedNoteIds,
    },
  };
}
