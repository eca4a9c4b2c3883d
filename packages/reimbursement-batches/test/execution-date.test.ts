import { describe, expect, it } from 'vitest';
import { easterSunday, executionDateFor } from '../src/execution-date.js';

describe('easterSunday', () => {
  it('is the Sunday the calendars give', () => {
    expect([2024, 2025, 2026, 2027, 2038].map((year) => easterSunday(year).toISOString().slice(0, 10))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });
});

describe('executionDateFor', () => {
  const on = (iso: string) => executionDateFor(new Date(iso));

  it('is the next day from Monday to Thursday, whatever the hour of the UTC day', () => {
    expect(on('2026-03-09T00:00:00.000Z')).toBe('2026-03-10');
    expect(on('2026-03-12T23:59:59.999Z')).toBe('2026-03-13');
  });

  it('is the Monday after a file written on Friday, Saturday or Sunday', () => {
    expect(['2026-03-13', '2026-03-14', '2026-03-15'].map((day) => on(`${day}T08:00:00.000Z`))).toEqual([
      '2026-03-16',
      '2026-03-16',
      '2026-03-16',
    ]);
  });

  it('skips the TARGET2 closing days: Good Friday, Easter Monday, 1 May, 25 and 26 December, 1 January', () => {
    // Easter 2026 is on 5 April: Friday 3 and Monday 6 are closed.
    expect(on('2026-04-02T08:00:00.000Z')).toBe('2026-04-07');
    expect(on('2026-04-30T08:00:00.000Z')).toBe('2026-05-04');
    expect(on('2026-12-24T08:00:00.000Z')).toBe('2026-12-28');
    expect(on('2026-12-31T08:00:00.000Z')).toBe('2027-01-04');
  });
});
