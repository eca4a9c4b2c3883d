import { parseScaledDecimal } from './decimal.js';
import { MileageInputError } from './errors.js';
import { VEHICLE_TYPES, type VehicleType } from './vehicle.js';

/** One band of a row: `d x perKm + plus` (euros, `d` in km driven in the year) while `d <= upToKm`. */
export interface ScaleBandData {
  /** Absent on the last band, which has no upper bound. */
  readonly upToKm?: number;
  /** Euros per km, as a decimal string with at most 3 decimals ("0.529"). */
  readonly perKm: string;
  /** Euros, as a decimal string with at most 2 decimals ("1065"). */
  readonly plus: string;
}

export interface ScaleRowData {
  /** Fiscal powers (CV) the row covers; `max` absent on the last row ("7 CV and more"). */
  readonly fiscalPower: { readonly min: number; readonly max?: number };
  readonly bands: readonly ScaleBandData[];
}

/** A published scale, as data: one per edition, each covering whole calendar years. */
export interface MileageScaleData {
  readonly id: string;
  /** The calendar years it applies to, both included: the formula is yearly. */
  readonly years: { readonly first: number; readonly last: number };
  /** The increase for electric vehicles, in whole percent (20). */
  readonly electricBonusPercent: number;
  readonly rows: Readonly<Record<VehicleType, readonly ScaleRowData[]>>;
}

/** A band in integers: thousandths of a euro per km, cents, tenths of km. */
export interface ScaleBand {
  readonly upToHm: number | undefined;
  readonly perKmMilli: number;
  readonly plusCents: number;
}

export interface ScaleRow {
  readonly minPower: number;
  readonly maxPower: number | undefined;
  readonly bands: readonly ScaleBand[];
}

export interface MileageScale {
  readonly id: string;
  readonly years: { readonly first: number; readonly last: number };
  readonly electricBonusPercent: number;
  readonly rows: Readonly<Record<VehicleType, readonly ScaleRow[]>>;
}

const bad = (field: string, detail: string) => new MileageInputError(field, 'invalid_scale', detail);

function compileBand(band: ScaleBandData, field: string, last: boolean, previousHm: number): ScaleBand {
  const perKmMilli = parseScaledDecimal(band.perKm, 3, 3);
  if (perKmMilli === undefined) throw bad(`${field}.perKm`, 'euros per km as a decimal string with at most 3 decimals.');
  const plusCents = parseScaledDecimal(band.plus, 2, 6);
  if (plusCents === undefined) throw bad(`${field}.plus`, 'euros as a decimal string with at most 2 decimals.');
  if (last !== (band.upToKm === undefined)) throw bad(`${field}.upToKm`, 'every band but the last has an upper bound, the last has none.');
  const upToHm = band.upToKm === undefined ? undefined : band.upToKm * 10;
  if (upToHm !== undefined && (!Number.isInteger(band.upToKm) || upToHm <= previousHm))
    throw bad(`${field}.upToKm`, 'whole km, above the previous band.');
  return { upToHm, perKmMilli, plusCents };
}

function compileRow(row: ScaleRowData, field: string, expectedMin: number, last: boolean): ScaleRow {
  const { min, max } = row.fiscalPower;
  if (min !== expectedMin) throw bad(`${field}.fiscalPower.min`, `rows cover every power without gaps: ${expectedMin} expected.`);
  if (last !== (max === undefined)) throw bad(`${field}.fiscalPower.max`, 'every row but the last has a maximum, the last has none.');
  if (max !== undefined && (!Number.isInteger(max) || max < min)) throw bad(`${field}.fiscalPower.max`, 'a whole number, at least min.');
  if (row.bands.length === 0) throw bad(`${field}.bands`, 'at least one band.');
  let previousHm = 0;
  const bands = row.bands.map((band, index) => {
    const compiled = compileBand(band, `${field}.bands[${index}]`, index === row.bands.length - 1, previousHm);
    previousHm = compiled.upToHm ?? previousHm;
    return compiled;
  });
  return { minPower: min, maxPower: max, bands };
}

/** The scale in integers, checked; `field` names it in errors (`scales[1]`). */
export function compileScale(data: MileageScaleData, field: string): MileageScale {
  if (typeof data.id !== 'string' || data.id === '') throw bad(`${field}.id`, 'a non-empty id.');
  const { first, last } = data.years;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1900 || last < first)
    throw bad(`${field}.years`, 'whole calendar years, first <= last.');
  if (!Number.isInteger(data.electricBonusPercent) || data.electricBonusPercent < 0)
    throw bad(`${field}.electricBonusPercent`, 'a whole, non-negative percentage.');
  const rows = {} as Record<VehicleType, readonly ScaleRow[]>;
  for (const type of VEHICLE_TYPES) {
    const typeRows = data.rows[type];
    if (!typeRows || typeRows.length === 0) throw bad(`${field}.rows.${type}`, 'at least one row.');
    let expectedMin = 1;
    rows[type] = typeRows.map((row, index) => {
      const compiled = compileRow(row, `${field}.rows.${type}[${index}]`, expectedMin, index === typeRows.length - 1);
      expectedMin = (compiled.maxPower ?? 0) + 1;
      return compiled;
    });
  }
  return { id: data.id, years: { first, last }, electricBonusPercent: data.electricBonusPercent, rows };
}
