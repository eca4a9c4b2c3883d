import type { AmountOwed } from '@ndf/amount-owed';
import type { AdvanceItem } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { planBatch, type OwedNote } from '../src/plan.js';
import { onDemandWindow, scheduledWindow } from '../src/schedule.js';

const eur = (value: string) => ({ value, currency: 'EUR' });
const owed = (value: string, decidedBy: 'base' | 'company_card' = 'base'): AmountOwed => ({
  kind: 'owed',
  amount: eur(value),
  minor: BigInt(value.replace('.', '')),
  paidByCompanyCard: decidedBy === 'company_card',
  terms: [],
  decidedBy,
});
const note = (noteId: string, owner: string, amount: AmountOwed): OwedNote => ({ noteId, owner, owed: amount });
const payees = {
  payees: [
    { employee: 'emma', name: 'Emma Martin', iban: 'FR7630006000011234567890189' },
    { employee: 'noah', name: 'Noah Petit', iban: 'DE89370400440532013000' },
  ],
};
const advance = (advanceId: string, remaining: string, paidAt = '2026-02-20'): AdvanceItem => ({
  pk: 'p',
  sk: 's',
  type: 'ADVANCE',
  tenant: 't',
  employee: 'noah',
  advanceId,
  amount: eur('200.00'),
  paidAt,
  remaining: eur(remaining),
  deductions: [],
  takenBy: [],
});

describe('a batch plan', () => {
  it("deducts an advance larger than the employee's notes down to zero, no further: the rest stays for the next batch", () => {
    // noah: 78.34 + 27.50 = 105.84 owed; advance 200.00 → 105.84 taken, 94.16 left, nothing transferred.
    const plan = planBatch('2026-04-1', [note('n1', 'noah', owed('78.34')), note('n2', 'noah', owed('27.50'))], payees, [
      advance('a1', '200.00'),
    ]);
    expect(plan.lines).toEqual([
      {
        employee: 'noah',
        payee: { name: 'Noah Petit', iban: 'DE89370400440532013000' },
        notes: [
          { noteId: 'n1', amount: eur('78.34'), decidedBy: 'base' },
          { noteId: 'n2', amount: eur('27.50'), decidedBy: 'base' },
        ],
        gross: eur('105.84'),
        advances: [{ advanceId: 'a1', amount: eur('105.84'), remainingAfter: eur('94.16') }],
        net: eur('0.00'),
      },
    ]);
    expect(plan).toMatchObject({ transfers: 0, controlSum: eur('0.00') });
  });

  it('takes the oldest advance first, then the next, and skips one with nothing left', () => {
    // 300.00 owed: 50.00 (old) then 200.00 (newer) taken, 50.00 transferred.
    const plan = planBatch('b', [note('n1', 'noah', owed('300.00'))], payees, [
      advance('late', '200.00', '2026-03-01'),
      advance('early', '50.00', '2026-01-10'),
      advance('spent', '0.00', '2025-12-01'),
    ]);
    expect(plan.lines[0]).toMatchObject({
      advances: [
        { advanceId: 'early', amount: eur('50.00'), remainingAfter: eur('0.00') },
        { advanceId: 'late', amount: eur('200.00'), remainingAfter: eur('0.00') },
      ],
      net: eur('50.00'),
      endToEndId: 'b-1',
    });
  });

  it('carries card-paid notes at 0 (even without an account), and leaves for later a note without its figure or an owner without an account', () => {
    const plan = planBatch(
      'b',
      [
        note('hotel', 'lea', owed('0.00', 'company_card')),
        note('meal', 'lea', owed('22.00')),
        note('dinner', 'emma', { kind: 'unavailable', code: 'stage_missing', reason: 'No currency-converter stage.' }),
        note('train', 'emma', owed('66.00')),
      ],
      payees,
      [],
    );
    expect(
      plan.lines.map(({ employee, notes, net, endToEndId }) => ({ employee, notes: notes.map((n) => n.noteId), net, endToEndId })),
    ).toEqual([
      { employee: 'emma', notes: ['train'], net: eur('66.00'), endToEndId: 'b-1' },
      { employee: 'lea', notes: ['hotel'], net: eur('0.00'), endToEndId: undefined },
    ]);
    expect(plan.left.map(({ noteId, code }) => `${noteId} ${code}`)).toEqual(['meal payee_missing', 'dinner stage_missing']);
    expect(plan).toMatchObject({ transfers: 1, controlSum: eur('66.00') });
  });
});

describe("a batch's window", () => {
  it('takes the notes approved before the last batch day that has come, this month or the one before', () => {
    expect(scheduledWindow(new Date('2026-04-05T08:00:00Z'), 5)).toEqual({ cutoff: '2026-04-05T00:00:00.000Z', period: '2026-04' });
    expect(scheduledWindow(new Date('2026-04-04T23:59:00Z'), 5)).toEqual({ cutoff: '2026-03-05T00:00:00.000Z', period: '2026-03' });
    expect(scheduledWindow(new Date('2026-01-02T00:00:00Z'), 28)).toEqual({ cutoff: '2025-12-28T00:00:00.000Z', period: '2025-12' });
    expect(onDemandWindow(new Date('2026-04-10T12:00:00Z'))).toEqual({ cutoff: '2026-04-10T12:00:00.000Z', period: '2026-04' });
  });
});
