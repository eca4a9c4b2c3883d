import { describe, expect, it } from 'vitest';
import { computeEmployeeYear } from '../src/employee-year.js';
import { parseMileageCommand } from '../src/recompute-command.js';
import { scaleBookFrom } from '../src/scales.js';
import { mileageNote } from './notes.js';

const year2026 = (env: NodeJS.ProcessEnv) =>
  computeEmployeeYear({
    year: 2026,
    notes: [mileageNote('n', '2026-02-03', '100')],
    committedCents: new Map(),
    regularisations: [],
    book: scaleBookFrom(env),
  }).stages[0]!.stage;

describe('the scales the service prices with', () => {
  it('refuses a year no published scale covers, unless an operator carried the latest one forward to it', () => {
    expect(year2026({})).toMatchObject({ status: 'refused', code: 'mileage_no_scale' });
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
