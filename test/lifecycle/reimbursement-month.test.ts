import { amountOwed } from '@ndf/amount-owed';
import type { AdvanceItem, Money, NoteItem } from '@ndf/contracts';
import { planBatch, type OwedNote } from '@ndf/reimbursement-batches';
import { describe, expect, it } from 'vitest';
import { ADVANCES, EMPLOYEES, EXPECTED, monthOfNotes, type PlannedNote } from './month.js';

// The month's notes through the one definition of what is owed and the batch plan, with the
// stages the checks give them (the figures month.ts works out by hand): the reimbursement per
// employee, the advance and the SEPA control sum must come out as month.ts says.
const eur = (value: string): Money => ({ value, currency: 'EUR' });
const HISTORY = [{ action: 'submit', version: 2 }] as const;

/** What the checks record for a note of the month, for its submitted version. */
function stagesOf(planned: PlannedNote) {
  const { input, mark } = planned;
  const claimed = mark === 'foreign' ? EXPECTED.foreignDinner.converted.value : input.amount.value;
  const allowed = mark === 'over-cap' ? EXPECTED.overCap.allowed.value : claimed;
  const stages: { service: string; status: 'succeeded'; noteVersion: number; outcome: Record<string, unknown> }[] = [
    {
      service: 'policy-checker',
      status: 'succeeded',
      noteVersion: 2,
      outcome: { amounts: { claimed: eur(claimed), allowed: eur(allowed) } },
    },
  ];
  if (mark === 'foreign')
    stages.push({
      service: 'currency-converter',
      status: 'succeeded',
      noteVersion: 2,
      outcome: {
        kind: 'converted',
        original: input.amount,
        converted: EXPECTED.foreignDinner.converted,
        rate: '1.0850',
        rateDate: '2026-03-12',
      },
    });
  if (input.mileage)
    stages.push({
      service: 'mileage-calculator',
      status: 'succeeded',
      noteVersion: 2,
      outcome: { kind: 'allowance', allowance: EXPECTED.mileageAllowance },
    });
  return stages;
}

describe("the month's reimbursement", () => {
  // The duplicate is rejected: it is never approved, so never batched.
  const approved = monthOfNotes().filter((planned) => planned.mark !== 'duplicate');
  const owed: OwedNote[] = approved.map((planned, index) => ({
    noteId: `n${String(index).padStart(3, '0')}`,
    owner: planned.employee,
    owed: amountOwed({ noteId: `n${index}`, ...planned.input } as Pick<NoteItem, 'noteId' | 'amount'>, stagesOf(planned), HISTORY),
  }));
  const payees = { payees: EMPLOYEES.map((employee) => ({ employee, name: employee, iban: 'FR7630006000011234567890189' })) };
  const advances: AdvanceItem[] = Object.entries(ADVANCES).map(([employee, amount]) => ({
    pk: 'p',
    sk: 's',
    type: 'ADVANCE',
    tenant: 't',
    employee,
    advanceId: 'a',
    amount: eur(amount!),
    paidAt: '2026-02-27',
    remaining: eur(amount!),
    deductions: [],
    takenBy: [],
  }));
  const plan = planBatch('2026-04-1', owed, payees, advances);

  it('pays each employee what month.ts works out by hand, the advance deducted, with the SEPA control sum', () => {
    expect(plan.left).toEqual([]);
    expect(Object.fromEntries(plan.lines.map((line) => [line.employee, line.net.value]))).toEqual(EXPECTED.reimbursed);
    expect(plan).toMatchObject({ transfers: EXPECTED.sepa.transfers, controlSum: eur(EXPECTED.sepa.controlSum) });
  });

  it('owes nothing for the company-card hotels, the capped train at its cap, the dinner converted, the mileage at its allowance', () => {
    const byMark = (mark: PlannedNote['mark']) => owed[approved.findIndex((planned) => planned.mark === mark)]!.owed;
    expect(byMark('over-cap')).toMatchObject({ amount: EXPECTED.overCap.allowed, decidedBy: 'policy_allowed' });
    expect(byMark('foreign')).toMatchObject({ amount: EXPECTED.foreignDinner.converted, decidedBy: 'base' });
    const cards = owed.filter((_, index) => approved[index]!.input.paymentMethod === 'company_card');
    expect(cards).toHaveLength(20);
    expect(cards.every((note) => note.owed.kind === 'owed' && note.owed.minor === 0n && note.owed.paidByCompanyCard)).toBe(true);
    const mileage = owed.filter((_, index) => approved[index]!.input.mileage !== undefined);
    expect(mileage.every((note) => note.owed.kind === 'owed' && note.owed.amount.value === EXPECTED.mileageAllowance.value)).toBe(true);
  });
});
