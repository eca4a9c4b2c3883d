import { parseScaledDecimal } from './decimal.js';
import { MileageInputError } from './errors.js';
import { checkVehicle, sameVehicle, type Vehicle } from './vehicle.js';

export interface Trip {
  readonly id: string;
  /** The day of the trip, `YYYY-MM-DD`: its calendar year is the year of the scale. */
  readonly date: string;
  /** Kilometres, as a decimal string with at most one decimal ("12.5"). */
  readonly distanceKm: string;
  readonly vehicle: Vehicle;
}

/** A trip, checked, its distance in hectometres (tenths of km, an integer). */
export interface CheckedTrip extends Trip {
  readonly year: number;
  readonly hectometres: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function yearOf(date: unknown, field: string): number {
  const match = typeof date === 'string' ? DATE.exec(date) : null;
  const parsed = match ? new Date(`${date as string}T00:00:00Z`) : undefined;
  if (!match || !parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new MileageInputError(field, 'invalid_date', 'a calendar date, YYYY-MM-DD.');
  return Number(match[1]);
}

function hectometresOf(distanceKm: unknown, field: string): number {
  const hectometres = parseScaledDecimal(distanceKm, 1, 5);
  if (hectometres === undefined || hectometres === 0)
    throw new MileageInputError(field, 'invalid_distance', 'km as a decimal string above 0, at most one decimal ("12.5").');
  return hectometres;
}

/** Every trip checked, or the first problem, naming the field (`trips[3].distanceKm`). */
export function checkTrips(trips: readonly Trip[]): CheckedTrip[] {
  const ids = new Set<string>();
  const vehicles = new Map<string, Vehicle>();
  return trips.map((trip, index) => {
    const field = `trips[${index}]`;
    if (typeof trip !== 'object' || trip === null) throw new MileageInputError(field, 'invalid_trip', 'a trip object.');
    if (typeof trip.id !== 'string' || trip.id === '') throw new MileageInputError(`${field}.id`, 'invalid_trip_id', 'a non-empty id.');
    if (ids.has(trip.id)) throw new MileageInputError(`${field}.id`, 'duplicate_trip', `${trip.id} is given twice.`);
    ids.add(trip.id);
    const vehicle = checkVehicle(trip.vehicle, `${field}.vehicle`);
    const known = vehicles.get(vehicle.id);
    if (known && !sameVehicle(known, vehicle))
      throw new MileageInputError(`${field}.vehicle`, 'vehicle_changed', `vehicle ${vehicle.id} is described differently by another trip.`);
    vehicles.set(vehicle.id, vehicle);
    const year = yearOf(trip.date, `${field}.date`);
    const hectometres = hectometresOf(trip.distanceKm, `${field}.distanceKm`);
    return { id: trip.id, date: trip.date, distanceKm: trip.distanceKm, vehicle, year, hectometres };
  });
}
