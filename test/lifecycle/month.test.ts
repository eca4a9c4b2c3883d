import { fromMinorUnits, toMinorUnits } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { EMPLOYEES, EXPECTED, monthOfNotes } from './month.js';

// The month's plan against its own hand-worked figures: a slip in the plan or in the arithmetic
// of its comments shows here, before the end-to-end test blames a service for it.
describe("the lifecycle test's month", () => {
  const notes = monthOfNotes();

  it('is 200 notes, 40 per employee, with one of each special case', () => {
    expect(notes).toHaveLength(200);
    for (const employee of EMPLOYEES) expect(notes.filter((note) => note.employee === employee)).toHaveLength(40);
    expect(notes.flatMap((note) => (note.mark ? [[note.employee, note.mark]] : []))).toEqual([
      ['hugo', 'over-cap'],
      ['lea', 'weekend'],
      ['noah', 'foreign'],
      ['chloe', 'duplicate'],
    ]);
  });

  it('declares, for an employee without a special case, the EUR amounts the hand-worked reimbursement adds up', () => {
    const emma = notes.filter((note) => note.employee === 'emma' && note.input.paymentMethod !== 'company_card');
    const sum = emma.reduce((total, note) => total + toMinorUnits(note.input.amount), 0n);
    expect(fromMinorUnits(sum, 'EUR').value).toBe(EXPECTED.reimbursed.emma);
  });
});
