import { describe, expect, it } from 'vitest';
import {
  carryForward,
  computeAllowances,
  FRANCE_2023,
  FRENCH_SCALES,
  ScaleBook,
  settle,
  type MileageScaleData,
  type Trip,
  type TripPayment,
} from '../src/index.js';
import { car, trip } from './trips.js';

const book = new ScaleBook(FRENCH_SCALES);
const fiveCv = car(5);
const paidAsComputed = (trips: readonly Trip[], scales: ScaleBook): TripPayment[] =>
  computeAllowances(trips, scales).trips.map(({ tripId, cents }) => ({ tripId, cents }));
const differences = (settlement: ReturnType<typeof settle>) => settlement.lines.map((line) => [line.tripId, line.differenceCents]);

// January 4,000 km: 4,000 x 0.636 = 2,544.00
// March 900 km: at 4,900 km, 4,900 x 0.636 = 3,116.40; 3,116.40 - 2,544.00 = 572.40
// June 300 km: at 5,200 km, 5,200 x 0.357 + 1,395 = 3,251.40; 3,251.40 - 3,116.40 = 135.00
const year = [
  trip('jan', '2024-01-15', '4000', fiveCv),
  trip('mar', '2024-03-15', '900', fiveCv),
  trip('jun', '2024-06-15', '300', fiveCv),
];

describe('a correction recomputes the year', () => {
  it('pays the first trips as computed', () => {
    expect(paidAsComputed(year, book).map((p) => p.cents)).toEqual([254_400n, 57_240n, 13_500n]);
  });

  it('moves the later trips when an earlier one is edited, and settles every difference', () => {
    const paid = paidAsComputed(year, book);
    const edited = [trip('jan', '2024-01-15', '4300', fiveCv), ...year.slice(1)];
    const settlement = settle(computeAllowances(edited, book), paid);
    // jan: 4,300 x 0.636 = 2,734.80; + 190.80
    // mar: at 5,200 km, 3,251.40 - 2,734.80 = 516.60; 516.60 - 572.40 = - 55.80
    // jun: at 5,500 km, 5,500 x 0.357 + 1,395 = 3,358.50; 3,358.50 - 3,251.40 = 107.10; 107.10 - 135.00 = - 27.90
    expect(differences(settlement)).toEqual([
      ['jan', 19_080n],
      ['mar', -5_580n],
      ['jun', -2_790n],
    ]);
    // 3,358.50 - 3,251.40 = 107.10, the formula's difference over the year
    expect(settlement.totalDifference).toEqual({ value: '107.10', currency: 'EUR' });
  });

  it('recovers what a removed trip was paid, and pays the later trips at their new distance', () => {
    const paid = paidAsComputed(year, book);
    const settlement = settle(computeAllowances([year[0]!, year[2]!], book), paid);
    // jun: 4,300 x 0.636 = 2,734.80; 2,734.80 - 2,544.00 = 190.80; 190.80 - 135.00 = + 55.80
    expect(differences(settlement)).toEqual([
      ['jan', 0n],
      ['jun', 5_580n],
      ['mar', -57_240n],
    ]);
    // 2,734.80 - 3,251.40 = - 516.60
    expect(settlement.totalDifferenceCents).toBe(-51_660n);
  });

  it('counts every payment of a trip: once the differences are paid, nothing is left', () => {
    const edited = [trip('jan', '2024-01-15', '4300', fiveCv), ...year.slice(1)];
    const first = paidAsComputed(year, book);
    const regularisation = settle(computeAllowances(edited, book), first).lines.map(({ tripId, differenceCents }) => ({
      tripId,
      cents: differenceCents,
    }));
    const again = settle(computeAllowances(edited, book), [...first, ...regularisation]);
    expect(again.lines.every((line) => line.differenceCents === 0n)).toBe(true);
    expect(again.totalDifferenceCents).toBe(0n);
  });
});

describe('a scale published in spring that applies from January', () => {
  // A fictitious 2026 scale: the 2023 figures but 5 CV cars at 0.650 (up) and 4 CV at 0.590 (down) up to 5,000 km.
  const withFirstBandRate = (rows: MileageScaleData['rows']['car'], power: number, perKm: string) =>
    rows.map((row) => (row.fiscalPower.min === power ? { ...row, bands: [{ ...row.bands[0]!, perKm }, ...row.bands.slice(1)] } : row));
  const published2026: MileageScaleData = {
    ...FRANCE_2023,
    id: 'FR-2026',
    years: { first: 2026, last: 2026 },
    rows: { ...FRANCE_2023.rows, car: withFirstBandRate(withFirstBandRate(FRANCE_2023.rows.car, 4, '0.590'), 5, '0.650') },
  };
  const before = new ScaleBook([...FRENCH_SCALES, carryForward(FRANCE_2023, 2026)]);
  const after = new ScaleBook([...FRENCH_SCALES, carryForward(FRANCE_2023, 2026), published2026]);
  const winter = [
    trip('jan', '2026-01-20', '100', fiveCv),
    trip('feb', '2026-02-20', '200', fiveCv),
    trip('jan-4cv', '2026-01-21', '100', car(4)),
  ];

  it('pays the winter on the carried-forward figures, saying so', () => {
    const { trips } = computeAllowances(winter, before);
    // 100 x 0.636 = 63.60; 300 x 0.636 = 190.80, 190.80 - 63.60 = 127.20; 100 x 0.606 = 60.60
    expect(trips.map((t) => [t.scaleId, t.cents])).toEqual([
      ['FR-2023-carried-to-2026', 6_360n],
      ['FR-2023-carried-to-2026', 12_720n],
      ['FR-2023-carried-to-2026', 6_060n],
    ]);
  });

  it('gives the difference to pay or recover per trip and in total once the new scale is in', () => {
    const paid = paidAsComputed(winter, before);
    const recomputed = computeAllowances(winter, after);
    expect(recomputed.trips.map((t) => t.scaleId)).toEqual(['FR-2026', 'FR-2026', 'FR-2026']);
    const settlement = settle(recomputed, paid);
    // jan: 100 x 0.650 = 65.00; 65.00 - 63.60 = + 1.40
    // feb: 300 x 0.650 = 195.00, 195.00 - 65.00 = 130.00; 130.00 - 127.20 = + 2.80
    // jan-4cv: 100 x 0.590 = 59.00; 59.00 - 60.60 = - 1.60 (to recover)
    expect(differences(settlement)).toEqual([
      ['jan', 140n],
      ['feb', 280n],
      ['jan-4cv', -160n],
    ]);
    // 1.40 + 2.80 - 1.60 = 2.60
    expect(settlement.totalDifference).toEqual({ value: '2.60', currency: 'EUR' });
  });

  it('leaves the years the new scale does not cover on the scale that covers them', () => {
    const { trips } = computeAllowances([trip('old', '2025-12-31', '100', fiveCv)], after);
    expect(trips[0]).toMatchObject({ scaleId: 'FR-2023', cents: 6_360n }); // 100 x 0.636
  });
});
