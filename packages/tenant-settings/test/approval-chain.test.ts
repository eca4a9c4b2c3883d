import { describe, expect, it } from 'vitest';
import { approvalChain, parseApproverSettings, type ApproverSettings } from '../src/index.js';

const parsed = parseApproverSettings({
  currency: 'EUR',
  teams: [
    { name: 'sales', members: ['alice', 'maud'] },
    { name: 'tech', members: ['chloe'] },
  ],
  levels: [
    {
      name: 'manager',
      rules: [
        { teams: ['sales'], approvers: ['maud'] },
        { teams: ['tech'], approvers: ['theo'] },
      ],
    },
    {
      name: 'finance',
      rules: [
        { above: '500.00', approvers: ['fanny'] },
        { categories: ['client_meal'], approvers: ['fanny', 'paul'] },
      ],
    },
  ],
  delegations: [{ from: 'theo', to: 'maud', start: '2026-08-01', end: '2026-08-21' }],
  reminderAfterDays: 3,
  escalateAfterDays: 7,
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const settings: ApproverSettings = parsed.value;
const eur = (value: string) => ({ value, currency: 'EUR' });

describe("a note's approval chain", () => {
  it("goes through the owner's team's manager, then finance strictly above its amount or for its category", () => {
    expect(approvalChain(settings, { owner: 'alice', category: 'taxi', amount: eur('500.00'), on: '2026-03-12' })).toEqual([
      { level: 'manager', approvers: ['maud'] },
    ]);
    expect(approvalChain(settings, { owner: 'alice', category: 'taxi', amount: eur('500.01'), on: '2026-03-12' })).toEqual([
      { level: 'manager', approvers: ['maud'] },
      { level: 'finance', approvers: ['fanny'] },
    ]);
    expect(approvalChain(settings, { owner: 'chloe', category: 'client_meal', amount: eur('600.00'), on: '2026-03-12' })).toEqual([
      { level: 'manager', approvers: ['theo'] },
      { level: 'finance', approvers: ['fanny', 'paul'] },
    ]);
  });

  it('adds the delegate of an approver away that day (its first and last days included), and never lets the owner approve', () => {
    const chloe = (on: string) => approvalChain(settings, { owner: 'chloe', amount: eur('10.00'), on })[0]?.approvers;
    expect([chloe('2026-07-31'), chloe('2026-08-01'), chloe('2026-08-21'), chloe('2026-08-22')]).toEqual([
      ['theo'],
      ['theo', 'maud'],
      ['theo', 'maud'],
      ['theo'],
    ]);
    // Maud manages her own team: nobody is left at that level for her own note.
    expect(approvalChain(settings, { owner: 'maud', amount: eur('10.00'), on: '2026-03-12' })).toEqual([
      { level: 'manager', approvers: [] },
    ]);
    // An employee in no team matches only the rules that name none.
    expect(approvalChain(settings, { owner: 'zoe', amount: eur('10.00'), on: '2026-03-12' })).toEqual([]);
    expect(() => approvalChain(settings, { owner: 'zoe', amount: { value: '10.00', currency: 'USD' }, on: '2026-03-12' })).toThrow(
      RangeError,
    );
  });
});
