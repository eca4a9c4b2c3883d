import { describe, expect, it } from 'vitest';
import { computeAllowances, FRENCH_SCALES, ScaleBook } from '../src/index.js';
import { car, motorcycle, trip, tripsOf } from './trips.js';

const book = new ScaleBook(FRENCH_SCALES);

describe('a trip is worth the yearly formula after it minus the formula before it', () => {
  it('pays a trip that crosses 5,000 km partly at each band (the worked example of the README)', () => {
    const fiveCv = car(5);
    const { trips, years } = computeAllowances(tripsOf(fiveCv, ['4800', '400']), book);
    // Formula at 4,800 km: 4,800 x 0.636 = 3,052.80.
    expect(trips[0]).toMatchObject({ cumulativeBeforeKm: '0.0', cumulativeAfterKm: '4800.0', cents: 305_280n });
    // Formula at 5,200 km: 5,200 x 0.357 + 1,395 = 1,856.40 + 1,395 = 3,251.40; the trip: 3,251.40 - 3,052.80 = 198.60
    // (neither 400 x 0.636 = 254.40 nor 400 x 0.357 = 142.80).
    expect(trips[1]).toMatchObject({ cumulativeBeforeKm: '4800.0', cumulativeAfterKm: '5200.0', cents: 19_860n });
    expect(trips[1]!.allowance).toEqual({ value: '198.60', currency: 'EUR' });
    expect(years).toEqual([expect.objectContaining({ year: 2024, distanceKm: '5200.0', cents: 325_140n, scaleId: 'FR-2023' })]);
  });

  it('names the bands a trip runs through: the one it starts in, and the next when it crosses a bound', () => {
    const { trips } = computeAllowances(tripsOf(car(5), ['4800', '400', '200']), book);
    const firstBand = { index: 0, fromKm: '0.0', upToKm: 5_000, perKm: '0.636', plus: '0.00' };
    const secondBand = { index: 1, fromKm: '5000.1', upToKm: 20_000, perKm: '0.357', plus: '1395.00' };
    expect(trips.map((t) => t.bands)).toEqual([[firstBand], [firstBand, secondBand], [secondBand]]);
    // A trip ending exactly on the bound stays in the first band; the next one starts in the second.
    const onTheBound = computeAllowances(tripsOf(motorcycle(4), ['3000', '0.1']), book).trips;
    expect(onTheBound.map((t) => t.bands.map((band) => band.index))).toEqual([[0], [1]]);
    expect(computeAllowances(tripsOf(car(7), ['25000']), book).trips[0]!.bands.map((band) => band.upToKm)).toEqual([
      5_000,
      20_000,
      undefined,
    ]);
  });

  it('applies the electric bonus to both ends of the difference', () => {
    const { trips } = computeAllowances(tripsOf(car(5, true), ['4800', '400']), book);
    // 3,052.80 x 1.2 = 3,663.36; 3,251.40 x 1.2 = 3,901.68; the trip: 3,901.68 - 3,663.36 = 238.32
    expect(trips.map((t) => t.cents)).toEqual([366_336n, 23_832n]);
  });

  it('pays the jump at 20,000 km to the trip that crosses it', () => {
    const { trips } = computeAllowances(tripsOf(car(7), ['19900', '200']), book);
    // 19,900 x 0.394 + 1,515 = 7,840.60 + 1,515 = 9,355.60; 20,100 x 0.470 = 9,447.00; 9,447.00 - 9,355.60 = 91.40
    expect(trips.map((t) => t.cents)).toEqual([935_560n, 9_140n]);
  });

  it('crosses the motorcycle bands at 3,000 and 6,000 km', () => {
    const { trips } = computeAllowances(tripsOf(motorcycle(4), ['2900', '200', '2900', '500']), book);
    // 2,900 x 0.468 = 1,357.20
    // 3,100 x 0.082 + 1,158 = 254.20 + 1,158 = 1,412.20; 1,412.20 - 1,357.20 = 55.00
    // 6,000 x 0.082 + 1,158 = 492 + 1,158 = 1,650.00; 1,650.00 - 1,412.20 = 237.80
    // 6,500 x 0.275 = 1,787.50; 1,787.50 - 1,650.00 = 137.50
    expect(trips.map((t) => t.cents)).toEqual([135_720n, 5_500n, 23_780n, 13_750n]);
  });

  it('rounds per trip after the yearly difference, so the trips add up to the formula of the year', () => {
    const distances = Array.from({ length: 10 }, () => '12.3');
    const { trips, years } = computeAllowances(tripsOf(car(4), distances), book);
    // Formula at 12.3 km: 12.3 x 0.606 = 7.4538 -> 7.45; at 24.6 km: 14.9076 -> 14.91, so the second trip is 7.46.
    expect(trips.slice(0, 2).map((t) => t.cents)).toEqual([745n, 746n]);
    // Formula at 123 km: 123 x 0.606 = 74.538 -> 74.54 (ten trips each rounded alone would give 10 x 7.45 = 74.50).
    expect(trips.reduce((sum, t) => sum + t.cents, 0n)).toBe(7_454n);
    expect(years[0]!.cents).toBe(7_454n);
  });

  it('takes the trips in date order (then id), whatever the order given, and answers in the order given', () => {
    const fiveCv = car(5);
    const given = [trip('june', '2024-06-01', '400', fiveCv), trip('january', '2024-01-10', '4800', fiveCv)];
    const { trips } = computeAllowances(given, book);
    expect(trips.map((t) => [t.tripId, t.cents])).toEqual([
      ['june', 19_860n], // as in the worked example: after the 4,800 km of January
      ['january', 305_280n],
    ]);
  });

  it('counts the year of each vehicle apart, and starts again at 0 km each January', () => {
    const fiveCv = car(5);
    const moto = motorcycle(4);
    const { trips, years } = computeAllowances(
      [
        trip('car-2024', '2024-03-01', '4800', fiveCv),
        trip('moto-2024', '2024-03-02', '100', moto),
        trip('car-2024-late', '2024-12-31', '400', fiveCv),
        trip('car-2025', '2025-01-02', '400', fiveCv),
      ],
      book,
    );
    expect(trips.map((t) => [t.tripId, t.cents])).toEqual([
      ['car-2024', 305_280n], // 4,800 x 0.636
      ['moto-2024', 4_680n], // 100 x 0.468: the motorcycle's own first kilometres
      ['car-2024-late', 19_860n], // 5,200 km in 2024: 3,251.40 - 3,052.80
      ['car-2025', 25_440n], // 400 x 0.636: 2025 starts from 0
    ]);
    expect(years.map((y) => [y.year, y.vehicleId, y.distanceKm])).toEqual([
      [2024, 'car-5', '5200.0'],
      [2024, 'moto-4', '100.0'],
      [2025, 'car-5', '400.0'],
    ]);
  });
});
