import { describe, expect, it } from 'vitest';
import { computeAllowances, FRENCH_SCALES, ScaleBook, settle, type Trip } from '../src/index.js';
import { refusal } from './refusal.js';
import { car, motorcycle, trip } from './trips.js';

const book = new ScaleBook(FRENCH_SCALES);
const good = trip('t1', '2024-05-02', '12.5', car(5));

const refusalOf = (bad: Partial<Trip>) => refusal(() => computeAllowances([good, { ...good, id: 't2', ...bad } as Trip], book));

describe('bad input is refused with the field and the reason', () => {
  it.each(['0', '0.0', '-3', '12.34', '1e3', ' 12', '012', '100000', '', 12.5])('a distance of %o km', (distanceKm) => {
    expect(refusalOf({ distanceKm } as Partial<Trip>)).toEqual({ field: 'trips[1].distanceKm', problem: 'invalid_distance' });
  });

  it('accepts whole km and one decimal', () => {
    const { trips } = computeAllowances([trip('a', '2024-05-02', '99999.9', car(5)), trip('b', '2024-05-03', '7', motorcycle(2))], book);
    expect(trips.map((t) => t.cumulativeAfterKm)).toEqual(['99999.9', '7.0']);
  });

  it.each(['2024-02-30', '2024-13-01', '24-05-02', '2024-5-2', '2024-05-02T10:00:00Z', undefined])('a date of %o', (date) => {
    expect(refusalOf({ date } as Partial<Trip>)).toEqual({ field: 'trips[1].date', problem: 'invalid_date' });
  });

  it.each([
    [{ ...car(5), fiscalPower: 0 }, 'trips[1].vehicle.fiscalPower'],
    [{ ...car(5), fiscalPower: 5.5 }, 'trips[1].vehicle.fiscalPower'],
    [{ ...car(5), type: 'bicycle' }, 'trips[1].vehicle.type'],
    [{ ...car(5), electric: 'yes' }, 'trips[1].vehicle.electric'],
    [{ ...car(5), id: '' }, 'trips[1].vehicle.id'],
    [null, 'trips[1].vehicle'],
  ])('a vehicle %o', (vehicle, field) => {
    expect(refusalOf({ vehicle } as Partial<Trip>)).toEqual({ field, problem: 'invalid_vehicle' });
  });

  it('a vehicle described differently by two trips', () => {
    expect(refusalOf({ vehicle: car(6, false, 'car-5') })).toEqual({ field: 'trips[1].vehicle', problem: 'vehicle_changed' });
  });

  it('a trip given twice, or without an id', () => {
    expect(refusalOf({ id: 't1' })).toEqual({ field: 'trips[1].id', problem: 'duplicate_trip' });
    expect(refusalOf({ id: '' })).toEqual({ field: 'trips[1].id', problem: 'invalid_trip_id' });
  });

  it('a trip that is not an object', () => {
    expect(refusal(() => computeAllowances([good, null as unknown as Trip], book))).toEqual({ field: 'trips[1]', problem: 'invalid_trip' });
  });

  it('a payment that is not whole cents', () => {
    const allowances = computeAllowances([good], book);
    expect(refusal(() => settle(allowances, [{ tripId: 't1', cents: 7.95 as unknown as bigint }]))).toEqual({
      field: 'payments[0].cents',
      problem: 'invalid_payment',
    });
  });
});
