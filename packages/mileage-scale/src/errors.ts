export type MileageProblem =
  | 'invalid_trip'
  | 'invalid_trip_id'
  | 'duplicate_trip'
  | 'invalid_date'
  | 'invalid_distance'
  | 'invalid_vehicle'
  | 'vehicle_changed'
  | 'invalid_payment'
  | 'invalid_scale'
  | 'no_scale';

/** Input the calculator refuses, naming the field (`trips[2].distanceKm`) and why. */
export class MileageInputError extends Error {
  override readonly name = 'MileageInputError';

  constructor(
    readonly field: string,
    readonly problem: MileageProblem,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}
