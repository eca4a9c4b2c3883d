import { describe, expect, it } from 'vitest';
import { computeEmployeeYear } from '../src/employee-year.js';
import { parseMileageCommand } from '../src/recompute-command.js';
import { scaleBookFrom } from '../src/scales.js';
import { mileageNote } from './notes.js';

const year2026 = (env: NodeJS.ProcessEnv, today = new Date('2026-03-15T00:00:00Z')) =>
  computeEmployeeYear({
    year: 2026,
    notes: [mileageNote('n', '2026-02-03', '100')],
    committedCents: new Map(),
    regularisations: [],
    book: scaleBookFrom(env, today),
  }).stages[0]!.stage;

describe('the scales the service prices with', () => {
  it('pays a year whose scale is not out yet on the latest one, saying so, unless an operator says otherwise', () => {
    // 100 x 0.636 = 63.60 on the 2023 figures, carried to 2026 by default (this year and next).
    expect(year2026({})).toMatchObject({ status: 'succeeded', outcome: { scaleId: 'FR-2023-carried-to-2026' } });
    expect(year2026({ NDF_MILEAGE_CARRY_FORWARD: 'none' })).toMatchObject({ status: 'refused', code: 'mileage_no_scale' });
    // Two years ahead of today: no scale is carried that far.
    expect(year2026({}, new Date('2024-06-01T00:00:00Z'))).toMatchObject({ status: 'refused', code: 'mileage_no_scale' });
    // 100 x 0.636 = 63.60, on the 2023 figures, saying so in the scale id.
    expect(year2026({ NDF_MILEAGE_CARRY_FORWARD: '2026, 2027' })).toMatchObject({
      status: 'succeeded',
      outcome: { scaleId: 'FR-2023-carried-to-2026', allowance: { value: '63.60' } },
    });
  });

  it('refuses a setting that is not a list of years', () => {
    expect(() => scaleBookFrom({ NDF_MILEAGE_CARRY_FORWARD: '26' })).toThrow('NDF_MILEAGE_CARRY_FORWARD: "26" is not a year');
  });
});

describe('npm run mileage', () => {
  it('reads recompute with a tenant, a year and optional users, and says what is missing otherwise', () => {
    expect(parseMileageCommand(['recompute', '--tenant', 'acme', '--year', '2025'])).toEqual({ tenant: 'acme', year: 2025 });
    expect(parseMileageCommand(['recompute', '--tenant', 'acme', '--year', '2025', '--user', 'bob', '--user', 'carol'])).toEqual({
      tenant: 'acme',
      year: 2025,
      users: ['bob', 'carol'],
    });
    expect(parseMileageCommand(['recompute', '--year', '2025'])).toEqual({ error: '--tenant is required.' });
    expect(parseMileageCommand(['recompute', '--tenant', 'acme', '--year', '25'])).toEqual({ error: '--year is required, as yyyy.' });
    expect(parseMileageCommand(['erase', '--tenant', 'acme'])).toEqual({ error: 'The only command is recompute.' });
  });
});
