import { fromMinorUnits, type Money } from '@ndf/contracts';
import { bandsBetween, type BandView } from './bands.js';
import { MileageInputError } from './errors.js';
import { yearlyAllowanceCents } from './formula.js';
import type { ScaleBook } from './scale-book.js';
import { checkTrips, type CheckedTrip, type Trip } from './trip.js';

export interface TripAllowance {
  readonly tripId: string;
  readonly date: string;
  readonly vehicleId: string;
  readonly scaleId: string;
  /** The vehicle's distance in the year before this trip and after it, km with one decimal. */
  readonly cumulativeBeforeKm: string;
  readonly cumulativeAfterKm: string;
  /** The bands of the scale the trip runs through, in order: two when it crosses a bound. */
  readonly bands: readonly BandView[];
  readonly cents: bigint;
  readonly allowance: Money;
}

/** One vehicle's year: its distance and the yearly formula at it, which its trips add up to. */
export interface VehicleYear {
  readonly year: number;
  readonly vehicleId: string;
  readonly scaleId: string;
  readonly distanceKm: string;
  readonly cents: bigint;
  readonly allowance: Money;
}

export interface Allowances {
  /** In the order the trips were given. */
  readonly trips: readonly TripAllowance[];
  readonly years: readonly VehicleYear[];
}

const km = (hectometres: number) => `${Math.floor(hectometres / 10)}.${hectometres % 10}`;
const eur = (cents: bigint) => fromMinorUnits(cents, 'EUR');

/**
 * The allowance of every trip of one employee. Per vehicle and calendar year, trips are taken
 * in date order (then id), and a trip's allowance is the yearly formula at the distance after
 * it minus the formula at the distance before it, each rounded to the cent: so the trips of a
 * year add up to the formula at the year's distance, and a trip that crosses a band is paid
 * at both. A correction or a new scale is the same call on the new trips or the new book.
 */
export function computeAllowances(trips: readonly Trip[], book: ScaleBook): Allowances {
  const checked = checkTrips(trips);
  const groups = new Map<string, { index: number; trip: CheckedTrip }[]>();
  checked.forEach((trip, index) => {
    const key = JSON.stringify([trip.year, trip.vehicle.id]);
    groups.set(key, [...(groups.get(key) ?? []), { index, trip }]);
  });
  const results: TripAllowance[] = new Array(checked.length);
  const years: VehicleYear[] = [];
  for (const group of groups.values()) {
    const { year, vehicle } = group[0]!.trip;
    const scale = book.forYear(year);
    if (!scale) throw new MileageInputError(`trips[${group[0]!.index}].date`, 'no_scale', `no mileage scale covers ${year}.`);
    group.sort((a, b) => a.trip.date.localeCompare(b.trip.date) || a.trip.id.localeCompare(b.trip.id));
    let before = 0;
    let formulaBefore = 0n;
    for (const { index, trip } of group) {
      const after = before + trip.hectometres;
      const formulaAfter = yearlyAllowanceCents(scale, vehicle, after);
      const cents = formulaAfter - formulaBefore;
      results[index] = {
        tripId: trip.id,
        date: trip.date,
        vehicleId: vehicle.id,
        scaleId: scale.id,
        cumulativeBeforeKm: km(before),
        cumulativeAfterKm: km(after),
        bands: bandsBetween(scale, vehicle, before, after),
        cents,
        allowance: eur(cents),
      };
      before = after;
      formulaBefore = formulaAfter;
    }
    years.push({
      year,
      vehicleId: vehicle.id,
      scaleId: scale.id,
      distanceKm: km(before),
      cents: formulaBefore,
      allowance: eur(formulaBefore),
    });
  }
  return { trips: results, years };
}
