import { describe, expect, it } from 'vitest';
import { computeAllowances, FRENCH_SCALES, ScaleBook, type Vehicle } from '../src/index.js';
import { car, motorcycle, tripsOf } from './trips.js';

const book = new ScaleBook(FRENCH_SCALES);

/** The yearly allowance, in euros, of one trip of `km` driven in 2024 with `vehicle`. */
const yearly = (vehicle: Vehicle, km: string) => computeAllowances(tripsOf(vehicle, [km]), book).years[0]!.allowance.value;

describe('the 2023 scale, per vehicle and band (each figure from the domain reference by hand)', () => {
  it.each([
    // cars, up to 5,000 km: d x rate
    [car(3), '1000', '529.00'], // 1,000 x 0.529
    [car(4), '1000', '606.00'], // 1,000 x 0.606
    [car(5), '1000', '636.00'], // 1,000 x 0.636
    [car(6), '1000', '665.00'], // 1,000 x 0.665
    [car(7), '1000', '697.00'], // 1,000 x 0.697
    // cars, 5,001 to 20,000 km: d x rate + constant
    [car(3), '10000', '4225.00'], // 10,000 x 0.316 + 1,065 = 3,160 + 1,065
    [car(4), '10000', '4730.00'], // 10,000 x 0.340 + 1,330 = 3,400 + 1,330
    [car(5), '10000', '4965.00'], // 10,000 x 0.357 + 1,395 = 3,570 + 1,395
    [car(6), '10000', '5197.00'], // 10,000 x 0.374 + 1,457 = 3,740 + 1,457
    [car(7), '10000', '5455.00'], // 10,000 x 0.394 + 1,515 = 3,940 + 1,515
    // cars, over 20,000 km: d x rate
    [car(3), '25000', '9250.00'], // 25,000 x 0.370
    [car(4), '25000', '10175.00'], // 25,000 x 0.407
    [car(5), '25000', '10675.00'], // 25,000 x 0.427
    [car(6), '25000', '11175.00'], // 25,000 x 0.447
    [car(7), '25000', '11750.00'], // 25,000 x 0.470
    // motorcycles: <= 3,000 / 3,001 - 6,000 / > 6,000
    [motorcycle(2), '2000', '790.00'], // 2,000 x 0.395
    [motorcycle(2), '4000', '1287.00'], // 4,000 x 0.099 + 891 = 396 + 891
    [motorcycle(2), '8000', '1984.00'], // 8,000 x 0.248
    [motorcycle(4), '2000', '936.00'], // 2,000 x 0.468
    [motorcycle(4), '4000', '1486.00'], // 4,000 x 0.082 + 1,158 = 328 + 1,158
    [motorcycle(4), '8000', '2200.00'], // 8,000 x 0.275
    [motorcycle(6), '2000', '1212.00'], // 2,000 x 0.606
    [motorcycle(6), '4000', '1899.00'], // 4,000 x 0.079 + 1,583 = 316 + 1,583
    [motorcycle(6), '8000', '2744.00'], // 8,000 x 0.343
  ])('%o for %s km a year: %s EUR', (vehicle, km, euros) => {
    expect(yearly(vehicle, km)).toBe(euros);
  });

  it('puts powers below and above the table in its first and last rows', () => {
    expect(yearly(car(1), '1000')).toBe('529.00'); // <= 3 CV: 1,000 x 0.529
    expect(yearly(car(11), '1000')).toBe('697.00'); // >= 7 CV: 1,000 x 0.697
    expect(yearly(motorcycle(1), '1000')).toBe('395.00'); // 1-2 CV: 1,000 x 0.395
    expect(yearly(motorcycle(3), '1000')).toBe('468.00'); // 3-5 CV: 1,000 x 0.468
    expect(yearly(motorcycle(5), '1000')).toBe('468.00');
    expect(yearly(motorcycle(9), '1000')).toBe('606.00'); // > 5 CV: 1,000 x 0.606
  });

  it('adds 20 % for an electric vehicle, on the whole formula', () => {
    expect(yearly(car(5, true), '1000')).toBe('763.20'); // 636 x 1.2
    expect(yearly(car(5, true), '10000')).toBe('5958.00'); // (3,570 + 1,395) x 1.2 = 4,965 x 1.2
    expect(yearly(car(3, true), '123.4')).toBe('78.33'); // 123.4 x 0.529 = 65.2786; x 1.2 = 78.33432
  });

  it('keeps a band up to its bound included: 20,000.0 km is in the middle band, 20,000.1 in the last', () => {
    expect(yearly(car(3), '20000')).toBe('7385.00'); // 20,000 x 0.316 + 1,065 (not 20,000 x 0.370 = 7,400)
    expect(yearly(car(3), '20000.1')).toBe('7400.04'); // 20,000.1 x 0.370 = 7,400.037
    expect(yearly(motorcycle(2), '3000')).toBe('1185.00'); // 3,000 x 0.395 (not 3,000 x 0.099 + 891 = 1,188)
    expect(yearly(motorcycle(2), '3000.1')).toBe('1188.01'); // 3,000.1 x 0.099 + 891 = 297.0099 + 891
  });

  it('rounds the yearly formula half up to the cent', () => {
    expect(yearly(car(4), '12.5')).toBe('7.58'); // 12.5 x 0.606 = 7.575
    expect(yearly(car(3), '0.1')).toBe('0.05'); // 0.1 x 0.529 = 0.0529
  });
});
