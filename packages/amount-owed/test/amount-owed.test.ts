import type { Money } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { amountOwed, submittedVersion } from '../src/index.js';

const eur = (value: string): Money => ({ value, currency: 'EUR' });
// Created (1), submitted (2), routed (3), approved (4): stages of version 2 or later count.
const HISTORY = [
  { action: 'submit', version: 2 },
  { action: 'route', version: 3 },
  { action: 'approve', version: 4 },
] as const;
const policy = (claimed: string, allowed: string, noteVersion = 2) => ({
  service: 'policy-checker',
  status: 'succeeded' as const,
  noteVersion,
  outcome: { amounts: { claimed: eur(claimed), allowed: eur(allowed), refused: eur('0.00') } },
});

describe('what the company owes for a note', () => {
  it("pays hugo's 210.00 train at the policy's 150.00 cap", () => {
    const note = { noteId: 'n', amount: eur('210.00'), paymentMethod: 'personal_card' as const };
    // The cap splits 210.00 into 150.00 allowed and 60.00 refused: min(210.00, 150.00) = 150.00.
    const owed = amountOwed(note, [policy('210.00', '150.00')], HISTORY);
    expect(owed).toEqual({
      kind: 'owed',
      amount: eur('150.00'),
      minor: 15000n,
      paidByCompanyCard: false,
      terms: [
        { term: 'base', amount: eur('210.00'), from: 'note' },
        { term: 'policy_allowed', amount: eur('150.00') },
      ],
      decidedBy: 'policy_allowed',
    });
  });

  it("pays noah's 85.00 USD dinner at its converted 78.34 EUR", () => {
    const note = { noteId: 'n', amount: { value: '85.00', currency: 'USD' }, paymentMethod: 'personal_card' as const };
    // 85.00 / 1.0850 = 78.341… → 78.34 (the converter rounds); the policy checked the converted amount.
    const converted = {
      service: 'currency-converter',
      status: 'succeeded' as const,
      noteVersion: 2,
      outcome: { kind: 'converted', original: note.amount, converted: eur('78.34'), rate: '1.0850', rateDate: '2026-03-12' },
    };
    const owed = amountOwed(note, [converted, policy('78.34', '78.34')], HISTORY);
    expect(owed).toMatchObject({ kind: 'owed', amount: eur('78.34'), minor: 7834n, decidedBy: 'base' });
    expect(owed.kind === 'owed' && owed.terms[0]).toEqual({ term: 'base', amount: eur('78.34'), from: 'converted' });
  });

  it('pays a mileage note its allowance, not what was declared', () => {
    const note = {
      noteId: 'n',
      amount: eur('80.00'),
      paymentMethod: 'other' as const,
      mileage: { km: '120', fiscalPower: 5, vehicle: 'car' as const },
    };
    // 120 km × 0.636 (5 CV, first 5,000 km) = 76.32, below the 80.00 typed.
    const allowance = {
      service: 'mileage-calculator',
      status: 'succeeded' as const,
      noteVersion: 3,
      outcome: { kind: 'allowance', allowance: eur('76.32') },
    };
    const owed = amountOwed(note, [allowance, policy('80.00', '80.00')], HISTORY);
    expect(owed).toMatchObject({
      kind: 'owed',
      amount: eur('76.32'),
      decidedBy: 'base',
      terms: [{ term: 'base', from: 'mileage-allowance' }, {}],
    });
  });

  it('owes nothing for a hotel paid by the company card, or a note matched to a card transaction', () => {
    const hotel = { noteId: 'n', amount: eur('110.00'), paymentMethod: 'company_card' as const };
    expect(amountOwed(hotel, [policy('110.00', '110.00')], HISTORY)).toEqual({
      kind: 'owed',
      amount: eur('0.00'),
      minor: 0n,
      paidByCompanyCard: true,
      terms: [],
      decidedBy: 'company_card',
    });
    const matched = { service: 'card-matcher', status: 'succeeded' as const, noteVersion: 2, outcome: { transactionId: 'tx-1' } };
    const meal = { noteId: 'n', amount: eur('22.00'), paymentMethod: 'personal_card' as const };
    expect(amountOwed(meal, [matched, policy('22.00', '22.00')], HISTORY)).toMatchObject({ minor: 0n, paidByCompanyCard: true });
  });

  it("takes an approver's partial approval when it is the smallest", () => {
    const note = { noteId: 'n', amount: eur('45.00'), paymentMethod: 'cash' as const, approvedAmount: eur('30.00') };
    // min(45.00, 45.00, 30.00) = 30.00
    expect(amountOwed(note, [policy('45.00', '45.00')], HISTORY)).toMatchObject({
      amount: eur('30.00'),
      decidedBy: 'partial_approval',
      terms: [{ term: 'base' }, { term: 'policy_allowed' }, { term: 'partial_approval', amount: eur('30.00') }],
    });
  });

  it('pays nothing it cannot figure: a stage of an older version, a missing conversion, a refused stage', () => {
    const note = { noteId: 'n', amount: eur('22.00'), paymentMethod: 'personal_card' as const };
    expect(amountOwed(note, [policy('22.00', '22.00', 1)], HISTORY)).toMatchObject({ kind: 'unavailable', code: 'stage_missing' });
    const foreign = { ...note, amount: { value: '85.00', currency: 'USD' } };
    expect(amountOwed(foreign, [policy('78.34', '78.34')], HISTORY)).toMatchObject({ kind: 'unavailable', code: 'stage_missing' });
    const refused = { service: 'currency-converter', status: 'refused' as const, noteVersion: 2, code: 'rate_missing', reason: 'No rate.' };
    expect(amountOwed(foreign, [refused, policy('85.00', '85.00')], HISTORY)).toMatchObject({ kind: 'unavailable', code: 'stage_refused' });
  });

  it("reads the last submission's version from the history", () => {
    expect(
      submittedVersion([
        { action: 'submit', version: 2 },
        { action: 'route', version: 3 },
        { action: 'submit', version: 6 },
      ]),
    ).toBe(6);
    expect(submittedVersion([])).toBe(0);
  });

  it('a cap that allows nothing owes 0.00', () => {
    const note = { noteId: 'n', amount: eur('40.00'), paymentMethod: 'cash' as const };
    expect(amountOwed(note, [policy('40.00', '0.00')], HISTORY)).toMatchObject({ minor: 0n, decidedBy: 'policy_allowed' });
  });
});
