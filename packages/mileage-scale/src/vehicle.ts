import { MileageInputError } from './errors.js';

export const VEHICLE_TYPES = ['car', 'motorcycle'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export interface Vehicle {
  /** The employee's vehicle: the cumulative distance of the year is counted per vehicle. */
  readonly id: string;
  readonly type: VehicleType;
  /** Fiscal horsepower (CV) from the registration document: a whole number, 1 or more. */
  readonly fiscalPower: number;
  readonly electric: boolean;
}

/** The vehicle, checked; `field` names it in errors (`trips[0].vehicle`). */
export function checkVehicle(vehicle: Vehicle, field: string): Vehicle {
  if (typeof vehicle !== 'object' || vehicle === null) throw new MileageInputError(field, 'invalid_vehicle', 'a vehicle is required.');
  if (typeof vehicle.id !== 'string' || vehicle.id.trim() === '')
    throw new MileageInputError(`${field}.id`, 'invalid_vehicle', 'a non-empty vehicle id is required.');
  if (!VEHICLE_TYPES.includes(vehicle.type))
    throw new MileageInputError(`${field}.type`, 'invalid_vehicle', `one of ${VEHICLE_TYPES.join(', ')}.`);
  if (!Number.isInteger(vehicle.fiscalPower) || vehicle.fiscalPower < 1 || vehicle.fiscalPower > 999)
    throw new MileageInputError(`${field}.fiscalPower`, 'invalid_vehicle', 'a whole number of CV from 1 to 999.');
  if (typeof vehicle.electric !== 'boolean') throw new MileageInputError(`${field}.electric`, 'invalid_vehicle', 'true or false.');
  return { id: vehicle.id, type: vehicle.type, fiscalPower: vehicle.fiscalPower, electric: vehicle.electric };
}

export function sameVehicle(a: Vehicle, b: Vehicle): boolean {
  return a.type === b.type && a.fiscalPower === b.fiscalPower && a.electric === b.electric;
}
