import type { MileageRefusalCode, NoteItem } from '@ndf/contracts';
import { checkTrips, MileageInputError, type ScaleBook, type Trip } from '@ndf/mileage-scale';

/** A mileage note the scale can price, or why not, in words the employee can act on. */
export type TripOrRefusal = { readonly trip: Trip } | { readonly refusal: { readonly code: MileageRefusalCode; readonly reason: string } };

/** The note's field a MileageInputError names (`trips[0].distanceKm` is the note's `mileage.km`). */
const NOTE_FIELDS: Readonly<Record<string, string>> = {
  date: 'date',
  distanceKm: 'mileage.km',
  'vehicle.fiscalPower': 'mileage.fiscalPower',
  'vehicle.type': 'mileage.vehicle',
  'vehicle.electric': 'mileage.electric',
};

/**
 * The distance of the year is counted per vehicle, and the note knows its vehicle only by its
 * type, fiscal power and energy: so one vehicle per such triple (an employee with one car has one distance).
 */
export function vehicleIdOf(mileage: NonNullable<NoteItem['mileage']>): string {
  return `${mileage.vehicle}-${mileage.fiscalPower}cv${mileage.electric ? '-electric' : ''}`;
}

/** The trip a mileage note stands for, checked alone, so that one bad note never stops its year's others. */
export function tripOfNote(note: NoteItem & { mileage: NonNullable<NoteItem['mileage']> }, book: ScaleBook): TripOrRefusal {
  const { mileage } = note;
  if (mileage.vehicle === 'moped')
    return {
      refusal: {
        code: 'mileage_vehicle_not_covered',
        reason: 'The platform has no mileage scale for mopeds yet: claim the trip with its costs, or ask your accountant.',
      },
    };
  const trip: Trip = {
    id: note.noteId,
    date: note.date,
    distanceKm: mileage.km,
    vehicle: { id: vehicleIdOf(mileage), type: mileage.vehicle, fiscalPower: mileage.fiscalPower, electric: mileage.electric ?? false },
  };
  try {
    const [checked] = checkTrips([trip]);
    if (!book.forYear(checked!.year))
      return {
        refusal: {
          code: 'mileage_no_scale',
          reason: `No mileage scale covers ${checked!.year} yet: the allowance is computed once it is published.`,
        },
      };
  } catch (error) {
    if (!(error instanceof MileageInputError)) throw error;
    const field = NOTE_FIELDS[error.field.replace(/^trips\[0\]\./, '')] ?? 'mileage';
    return { refusal: { code: 'mileage_invalid', reason: `${field}: ${error.message.replace(/^[^:]*: /, '')}` } };
  }
  return { trip };
}
