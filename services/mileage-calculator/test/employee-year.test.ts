import type { MileageAllowanceOutcome, NoteItem } from '@ndf/contracts';
import { FRENCH_SCALES, ScaleBook } from '@ndf/mileage-scale';
import { describe, expect, it } from 'vitest';
import { computeEmployeeYear, type EmployeeYearInput } from '../src/employee-year.js';
import { mileageNote } from './notes.js';

const book = new ScaleBook(FRENCH_SCALES);
const year = (notes: NoteItem[], more: Partial<EmployeeYearInput> = {}) =>
  computeEmployeeYear({ year: 2024, notes, committedCents: new Map(), regularisations: [], book, ...more });
const outcomes = (result: ReturnType<typeof computeEmployeeYear>) =>
  Object.fromEntries(
    result.stages
      .filter(({ stage }) => stage.status === 'succeeded')
      .map(({ note, stage }) => [note.noteId, stage.outcome as unknown as MileageAllowanceOutcome]),
  );
const allowances = (result: ReturnType<typeof computeEmployeeYear>) =>
  Object.fromEntries(Object.entries(outcomes(result)).map(([id, outcome]) => [id, outcome.allowance.value]));

describe("one employee's mileage year, from all its notes at once", () => {
  it('pays a 5 CV car crossing 5,000 km mid-year partly at each band, the notes taken in date order', () => {
    const result = year([
      mileageNote('sep', '2024-09-10', '100'),
      mileageNote('jun', '2024-06-10', '400', { amount: { value: '254.40', currency: 'EUR' } }),
      mileageNote('jan', '2024-01-10', '2000'),
      mileageNote('mar', '2024-03-10', '2800'),
    ]);
    // jan: 2,000 x 0.636 = 1,272.00
    // mar: at 4,800 km, 4,800 x 0.636 = 3,052.80; 3,052.80 - 1,272.00 = 1,780.80
    // jun: at 5,200 km, 5,200 x 0.357 + 1,395 = 1,856.40 + 1,395 = 3,251.40; 3,251.40 - 3,052.80 = 198.60
    // sep: at 5,300 km, 5,300 x 0.357 + 1,395 = 1,892.10 + 1,395 = 3,287.10; 3,287.10 - 3,251.40 = 35.70
    expect(allowances(result)).toEqual({ jan: '1272.00', mar: '1780.80', jun: '198.60', sep: '35.70' });
    const jun = outcomes(result).jun!;
    expect(jun).toMatchObject({
      kind: 'allowance',
      year: 2024,
      scaleId: 'FR-2023',
      vehicleId: 'car-5cv',
      distanceKm: '400',
      cumulativeBeforeKm: '4800.0',
      cumulativeAfterKm: '5200.0',
      // The employee declared 400 x 0.636 = 254.40; the scale owes 198.60: 198.60 - 254.40 = -55.80.
      declared: { value: '254.40', currency: 'EUR' },
      allowance: { value: '198.60', currency: 'EUR' },
      allowanceMinusDeclared: { value: '-55.80', currency: 'EUR' },
    });
    expect(jun.bands.map((band) => [band.fromKm, band.upToKm, band.perKm, band.plus])).toEqual([
      ['0.0', 5_000, '0.636', '0.00'],
      ['5000.1', 20_000, '0.357', '1395.00'],
    ]);
    // 3,287.10 in all: the year's formula at 5,300 km.
    expect(result.summary.vehicles).toEqual([
      { vehicleId: 'car-5cv', distanceKm: '5300.0', allowance: { value: '3287.10', currency: 'EUR' } },
    ]);
    expect(result.summary.notes.map((note) => note.noteId)).toEqual(['jan', 'mar', 'jun', 'sep']);
    expect(result.summary.adjustment).toEqual({ total: { value: '0.00', currency: 'EUR' }, lines: [] });
  });

  it('adds 20 % for an electric car, at both ends of the difference', () => {
    const electric = { mileage: { fiscalPower: 4, electric: true } };
    const result = year([mileageNote('a', '2024-02-01', '1000', electric), mileageNote('b', '2024-02-02', '4500', electric)]);
    // a: 1,000 x 0.606 = 606.00; x 1.2 = 727.20
    // b: at 5,500 km, 5,500 x 0.340 + 1,330 = 1,870 + 1,330 = 3,200.00; x 1.2 = 3,840.00; 3,840.00 - 727.20 = 3,112.80
    expect(allowances(result)).toEqual({ a: '727.20', b: '3112.80' });
    expect(outcomes(result).a!.vehicleId).toBe('car-4cv-electric');
  });

  it('prices a motorcycle on its own bands (3,000 and 6,000 km), apart from the car of the same employee', () => {
    const moto = { mileage: { vehicle: 'motorcycle' as const, fiscalPower: 4 } };
    const result = year([
      mileageNote('m1', '2024-04-01', '2900', moto),
      mileageNote('car', '2024-04-02', '100'),
      mileageNote('m2', '2024-04-03', '200', moto),
    ]);
    // m1: 2,900 x 0.468 = 1,357.20
    // car: 100 x 0.636 = 63.60 (the car's own first kilometres)
    // m2: at 3,100 km, 3,100 x 0.082 + 1,158 = 254.20 + 1,158 = 1,412.20; 1,412.20 - 1,357.20 = 55.00
    expect(allowances(result)).toEqual({ m1: '1357.20', car: '63.60', m2: '55.00' });
    expect(outcomes(result).m2!.bands.map((band) => band.index)).toEqual([0, 1]);
  });

  it('leaves rejected and deleted notes out of the distance, and refuses alone a note the scale cannot price', () => {
    const result = year([
      mileageNote('rejected', '2024-01-05', '4000', { status: 'rejected' }),
      mileageNote('deleted', '2024-01-06', '4000', { status: 'deleted' }),
      mileageNote('moped', '2024-01-07', '50', { mileage: { vehicle: 'moped', fiscalPower: 1 } }),
      mileageNote('bad-km', '2024-01-08', '12.55'),
      mileageNote('kept', '2024-02-01', '1000'),
    ]);
    // kept: 1,000 x 0.636 = 636.00, from 0 km: neither the rejected nor the deleted 4,000 km count.
    expect(allowances(result)).toEqual({ kept: '636.00' });
    expect(outcomes(result).kept!.cumulativeBeforeKm).toBe('0.0');
    const refused = Object.fromEntries(
      result.stages.filter(({ stage }) => stage.status === 'refused').map(({ note, stage }) => [note.noteId, stage]),
    );
    expect(Object.keys(refused).sort()).toEqual(['bad-km', 'moped']);
    expect(refused.moped).toMatchObject({ code: 'mileage_vehicle_not_covered' });
    expect(refused['bad-km']).toMatchObject({ code: 'mileage_invalid', reason: expect.stringMatching(/^mileage\.km: /) });
    expect([...result.summary.refusedNoteIds].sort()).toEqual(['bad-km', 'moped']);
  });

  it('refuses a note of a year no scale covers yet, saying it waits for the scale', () => {
    const result = computeEmployeeYear({
      year: 2031,
      notes: [mileageNote('future', '2031-01-05', '10')],
      committedCents: new Map(),
      regularisations: [],
      book,
    });
    expect(result.stages[0]!.stage).toMatchObject({ status: 'refused', code: 'mileage_no_scale', reason: expect.stringContaining('2031') });
  });

  it('says a note that no longer carries mileage owes no allowance', () => {
    const result = year([mileageNote('was', '2024-03-01', '0', { mileage: null })]);
    expect(result.stages[0]!.stage).toEqual({ status: 'succeeded', code: 'not_mileage', outcome: { kind: 'not_mileage' } });
  });
});

describe('a note already approved, batched or paid', () => {
  // jan 4,000 km paid: 4,000 x 0.636 = 2,544.00; mar 900 km paid: at 4,900 km, 4,900 x 0.636 = 3,116.40, 3,116.40 - 2,544.00 = 572.40.
  const paid = [
    mileageNote('jan', '2024-01-15', '4000', { status: 'paid' }),
    mileageNote('mar', '2024-03-15', '900', { status: 'batched' }),
  ];
  const committedCents = new Map([
    ['jan', 254_400n],
    ['mar', 57_240n],
  ]);
  const lateNote = mileageNote('feb', '2024-02-15', '300', { status: 'received' });

  it("keeps its stage, and records the difference a late earlier note makes as the year's adjustment to recover", () => {
    const result = year([...paid, lateNote], { committedCents });
    // feb: at 4,300 km, 4,300 x 0.636 = 2,734.80; 2,734.80 - 2,544.00 = 190.80 (open: its stage says so)
    expect(result.stages.map(({ note }) => note.noteId)).toEqual(['feb']);
    expect(allowances(result)).toEqual({ feb: '190.80' });
    // mar: at 5,200 km now, 5,200 x 0.357 + 1,395 = 3,251.40; 3,251.40 - 2,734.80 = 516.60; paid 572.40: 516.60 - 572.40 = -55.80
    expect(result.summary.adjustment).toEqual({
      total: { value: '-55.80', currency: 'EUR' },
      lines: [
        {
          noteId: 'mar',
          paid: { value: '572.40', currency: 'EUR' },
          due: { value: '516.60', currency: 'EUR' },
          difference: { value: '-55.80', currency: 'EUR' },
        },
      ],
    });
    expect(result.summary.adjustmentDue).toBe('recover');
    expect(result.summary.notes.find((note) => note.noteId === 'mar')).toMatchObject({
      allowance: { value: '516.60' },
      committed: { value: '572.40' },
    });
  });

  it('counts what the batcher already recovered: the same difference is never settled twice', () => {
    const regularisations = [{ id: 'batch-7', at: 't', lines: [{ noteId: 'mar', amount: { value: '-55.80', currency: 'EUR' } }] }];
    const result = year([...paid, lateNote], { committedCents, regularisations });
    // 572.40 - 55.80 = 516.60 paid in all, 516.60 due.
    expect(result.summary.adjustment.total.value).toBe('0.00');
    expect(result.summary.adjustmentDue).toBe('none');
  });

  it('pays the whole allowance of a frozen note that never got one (no stage when it was approved)', () => {
    const result = year([mileageNote('jan', '2024-01-15', '100', { status: 'approved' })]);
    // 100 x 0.636 = 63.60, nothing committed
    expect(result.summary.adjustment.total.value).toBe('63.60');
    expect(result.summary.adjustmentDue).toBe('pay');
  });
});
