import { describe, expect, it } from 'vitest';
import { computeAllowances, FRANCE_2023, FRENCH_SCALES, ScaleBook, type MileageScaleData } from '../src/index.js';
import { refusal } from './refusal.js';
import { car, trip } from './trips.js';

describe('scales are data, by year', () => {
  it('covers 2023 to 2025 with the 2023 scale', () => {
    const book = new ScaleBook(FRENCH_SCALES);
    expect([2022, 2023, 2024, 2025, 2026].map((year) => book.forYear(year)?.id)).toEqual([
      undefined,
      'FR-2023',
      'FR-2023',
      'FR-2023',
      undefined,
    ]);
  });

  it('refuses a trip on a date no scale covers, naming the trip', () => {
    const book = new ScaleBook(FRENCH_SCALES);
    const trips = [trip('ok', '2025-12-31', '10', car(5)), trip('too-late', '2026-01-02', '10', car(5))];
    expect(refusal(() => computeAllowances(trips, book))).toEqual({ field: 'trips[1].date', problem: 'no_scale' });
    expect(refusal(() => computeAllowances([trip('too-early', '2022-12-31', '10', car(5))], book))).toEqual({
      field: 'trips[0].date',
      problem: 'no_scale',
    });
  });

  it('takes a new year from a scale added as data', () => {
    const scale2026: MileageScaleData = { ...FRANCE_2023, id: 'FR-2026', years: { first: 2026, last: 2026 } };
    const book = new ScaleBook([...FRENCH_SCALES, scale2026]);
    const { trips } = computeAllowances([trip('t', '2026-01-02', '10', car(5))], book);
    expect(trips[0]).toMatchObject({ scaleId: 'FR-2026', cents: 636n }); // 10 x 0.636 = 6.36
  });

  it.each([
    [
      'a rate with 4 decimals',
      { ...FRANCE_2023, rows: { ...FRANCE_2023.rows, car: [{ fiscalPower: { min: 1 }, bands: [{ perKm: '0.5291', plus: '0' }] }] } },
      'scales[0].rows.car[0].bands[0].perKm',
    ],
    [
      'a gap between powers',
      { ...FRANCE_2023, rows: { ...FRANCE_2023.rows, car: FRANCE_2023.rows.car.filter((_, i) => i !== 1) } },
      'scales[0].rows.car[1].fiscalPower.min',
    ],
    [
      'bands out of order',
      {
        ...FRANCE_2023,
        rows: {
          ...FRANCE_2023.rows,
          motorcycle: [
            {
              fiscalPower: { min: 1 },
              bands: [
                { upToKm: 6000, perKm: '0.1', plus: '0' },
                { upToKm: 3000, perKm: '0.1', plus: '0' },
                { perKm: '0.1', plus: '0' },
              ],
            },
          ],
        },
      },
      'scales[0].rows.motorcycle[0].bands[1].upToKm',
    ],
    [
      'a last band with a bound',
      {
        ...FRANCE_2023,
        rows: { ...FRANCE_2023.rows, car: [{ fiscalPower: { min: 1 }, bands: [{ upToKm: 5000, perKm: '0.1', plus: '0' }] }] },
      },
      'scales[0].rows.car[0].bands[0].upToKm',
    ],
    ['years backwards', { ...FRANCE_2023, years: { first: 2025, last: 2023 } }, 'scales[0].years'],
  ] as [string, MileageScaleData, string][])('refuses scale data with %s, naming the field', (_, data, field) => {
    expect(refusal(() => new ScaleBook([data]))).toEqual({ field, problem: 'invalid_scale' });
  });
});
