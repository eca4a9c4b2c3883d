import type { MileageScale } from './scale.js';
import type { Vehicle } from './vehicle.js';

/** A band of the scale as a person reads it: `d x perKm + plus` for a year's distance `d` from `fromKm` up to `upToKm`. */
export interface BandView {
  /** 0 for the first band of the vehicle's row. */
  readonly index: number;
  /** Km with one decimal: the band starts just above the previous band's bound ("0.0", "5000.1"). */
  readonly fromKm: string;
  /** Whole km; absent on the last band. */
  readonly upToKm?: number;
  /** Euros per km ("0.357"). */
  readonly perKm: string;
  /** Euros ("1395.00"). */
  readonly plus: string;
}

const euros = (units: number, digits: number) =>
  `${Math.floor(units / 10 ** digits)}.${String(units % 10 ** digits).padStart(digits, '0')}`;

/**
 * The bands a trip runs through, from the vehicle's distance in the year before it to the one
 * after it (tenths of km): one, or more when it crosses a bound (a 400 km trip from 4,800 km
 * with a car runs through the <= 5,000 km band and the 5,001-20,000 km band).
 */
export function bandsBetween(scale: MileageScale, vehicle: Vehicle, beforeHm: number, afterHm: number): BandView[] {
  const row = scale.rows[vehicle.type].find((candidate) => vehicle.fiscalPower <= (candidate.maxPower ?? Infinity))!;
  const views: BandView[] = [];
  let fromHm = 0;
  row.bands.forEach((band, index) => {
    const upToHm = band.upToHm ?? Infinity;
    // The trip covers (beforeHm, afterHm]; the band covers (fromHm, upToHm], the first one from 0 included.
    if (afterHm > fromHm && beforeHm < upToHm)
      views.push({
        index,
        fromKm: index === 0 ? '0.0' : `${Math.floor((fromHm + 1) / 10)}.${(fromHm + 1) % 10}`,
        ...(band.upToHm === undefined ? {} : { upToKm: band.upToHm / 10 }),
        perKm: euros(band.perKmMilli, 3),
        plus: euros(band.plusCents, 2),
      });
    fromHm = upToHm;
  });
  return views;
}
