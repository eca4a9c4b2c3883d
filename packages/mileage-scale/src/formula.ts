import type { MileageScale, ScaleBand } from './scale.js';
import type { Vehicle } from './vehicle.js';

function bandFor(scale: MileageScale, vehicle: Vehicle, hectometres: number): ScaleBand {
  const row = scale.rows[vehicle.type].find((candidate) => vehicle.fiscalPower <= (candidate.maxPower ?? Infinity))!;
  return row.bands.find((band) => hectometres <= (band.upToHm ?? Infinity))!;
}

/**
 * The yearly allowance in cents for `hectometres` (tenths of km) driven in the year with
 * this vehicle, rounded half up to the cent from its exact value.
 *
 * Exactly, in millionths of a euro: d km x perKm euros is hectometres x perKmMilli x 10^-4
 * euros, plusCents is plusCents x 100 x 10^-4 euros; the electric bonus multiplies by
 * (100 + bonus) / 100, which moves the unit to 10^-6 euros, and a cent is 10^4 of those.
 */
export function yearlyAllowanceCents(scale: MileageScale, vehicle: Vehicle, hectometres: number): bigint {
  if (hectometres === 0) return 0n;
  const band = bandFor(scale, vehicle, hectometres);
  const tenThousandths = BigInt(hectometres) * BigInt(band.perKmMilli) + BigInt(band.plusCents) * 100n;
  const percent = BigInt(100 + (vehicle.electric ? scale.electricBonusPercent : 0));
  const millionths = tenThousandths * percent;
  return (millionths + 5_000n) / 10_000n;
}
