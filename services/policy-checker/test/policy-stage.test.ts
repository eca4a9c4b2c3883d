import { parseRuleSet, type CheckedRuleSet } from '@ndf/expense-policy';
import { describe, expect, it } from 'vitest';
import { policyStage, type PolicyCheckInput } from '../src/policy-stage.js';
import { converterStage, noteItem, receiptItem } from './items.js';

function ruleSet(rules: unknown[]): CheckedRuleSet {
  const parsed = parseRuleSet({ currency: 'EUR', rules });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.ruleSet;
}

const check = (input: Partial<PolicyCheckInput> & { rules: unknown[] }) =>
  policyStage({ note: noteItem(), receipts: [], stages: [], sameDay: [], policy: { version: 3, ruleSet: ruleSet(input.rules) }, ...input });

const eur = (value: string) => ({ value, currency: 'EUR' });

describe('the policy stage of a note', () => {
  it('splits a meal over its cap into the allowed part and the refused rest, without blocking the note', () => {
    // 38.40 - 25.00 = 13.40 refused; 25.00 allowed.
    const stage = check({
      note: noteItem({ amount: eur('38.40') }),
      rules: [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perExpense: '25.00' }],
    });
    expect(stage).toMatchObject({
      status: 'succeeded',
      code: 'amount_capped',
      reason: '25.00 of 38.40 EUR allowed, 13.40 refused by the caps.',
      outcome: {
        blocking: false,
        amounts: { claimed: eur('38.40'), allowed: eur('25.00'), refused: eur('13.40') },
        amountFrom: 'note',
        policyVersion: 3,
        violations: [{ code: 'cap_per_expense', severity: 'block', split: { capped: eur('25.00'), refused: eur('13.40') } }],
      },
    });
  });

  it('blocks a note above the receipt threshold until a receipt of it is read, and not one at the threshold', () => {
    const rules = [{ kind: 'receipt_required', severity: 'block', above: '50.00' }];
    const over = noteItem({ amount: eur('50.01') });
    expect(check({ note: over, receipts: [receiptItem('reading')], rules })).toMatchObject({
      status: 'succeeded',
      code: 'policy_blocked',
      reason: 'A receipt is required above 50.00 EUR.',
      outcome: { blocking: true, violations: [{ code: 'receipt_missing' }], amounts: { refused: eur('0.00') } },
    });
    expect(check({ note: over, receipts: [receiptItem('processed')], rules })).toMatchObject({
      outcome: { blocking: false, violations: [] },
    });
    expect(check({ note: noteItem({ amount: eur('50.00') }), rules })).toMatchObject({ outcome: { blocking: false, violations: [] } });
  });

  it("counts the owner's earlier notes of the day towards a daily cap, a foreign one on its converted amount", () => {
    const day = (id: string, createdAt: string, amount: { value: string; currency: string }, overrides = {}) =>
      noteItem({ noteId: `0c000000-0000-4000-8000-0000000000${id}`, createdAt, amount, ...overrides });
    const breakfast = day('a1', '2026-03-12T08:00:00.000Z', eur('25.00'));
    const lunchInDollars = day('a2', '2026-03-12T09:00:00.000Z', { value: '21.70', currency: 'USD' }, { version: 4 });
    const rejected = day('a3', '2026-03-12T07:00:00.000Z', eur('30.00'), { status: 'rejected' });
    const otherDate = day('a4', '2026-03-11T07:00:00.000Z', eur('30.00'), { date: '2026-03-11' });
    const later = day('a5', '2026-03-12T18:00:00.000Z', eur('40.00'));
    // Room left: 60.00 - 25.00 - 20.00 = 15.00, so of 30.00: 15.00 allowed, 15.00 refused. The rejected note,
    // the other date and the note created later use none of it.
    const stage = check({
      sameDay: [
        { note: breakfast, stages: [] },
        { note: lunchInDollars, stages: [converterStage(lunchInDollars.noteId, 4, { outcome: { converted: eur('20.00') } })] },
        { note: rejected, stages: [] },
        { note: otherDate, stages: [] },
        { note: later, stages: [] },
      ],
      rules: [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perDay: '60.00' }],
    });
    expect(stage).toMatchObject({
      outcome: {
        amounts: { claimed: eur('30.00'), allowed: eur('15.00'), refused: eur('15.00') },
        violations: [{ code: 'cap_per_day', split: { capped: eur('15.00'), refused: eur('15.00') } }],
      },
    });
  });

  it('waits for the converted amount of this very version of a foreign note, and checks the cap on it', () => {
    const rules = [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perExpense: '80.00' }];
    const note = noteItem({ amount: { value: '100.00', currency: 'USD' }, version: 5 });
    expect(check({ note, rules })).toMatchObject({ status: 'pending', code: 'awaiting_conversion' });
    const older = converterStage(note.noteId, 4, { outcome: { converted: eur('86.00') } });
    expect(check({ note, stages: [older], rules })).toMatchObject({ status: 'pending' });
    const refused = converterStage(note.noteId, 5, { status: 'refused', reason: 'no USD rate before 2026-03-12' });
    expect(check({ note, stages: [refused], rules })).toMatchObject({
      status: 'refused',
      code: 'amount_not_converted',
      reason: 'The amount of 100.00 USD could not be converted into EUR: no USD rate before 2026-03-12.',
    });
    // 85.87 EUR over an 80.00 cap: 80.00 allowed, 5.87 refused.
    const converted = converterStage(note.noteId, 5, { outcome: { original: note.amount, converted: eur('85.87') } });
    expect(check({ note, stages: [converted], rules })).toMatchObject({
      status: 'succeeded',
      outcome: { amountFrom: 'currency-converter', amounts: { claimed: eur('85.87'), allowed: eur('80.00'), refused: eur('5.87') } },
    });
  });

  it('warns of a weekend, alcohol, missing attendees and project, and an expense too old at its submission', () => {
    // 2026-01-03 was a Saturday; from it to 2026-03-13: 28 + 28 + 13 = 69 days, over 60.
    const note = noteItem({ date: '2026-01-03', comment: 'Dîner, une bouteille de vin' });
    const stage = check({
      note,
      rules: [
        { kind: 'max_age', severity: 'warning', days: 60 },
        { kind: 'weekend', severity: 'warning' },
        { kind: 'alcohol', severity: 'warning' },
        { kind: 'meal_attendees', severity: 'warning', categories: ['restaurant'] },
        { kind: 'project_required', severity: 'warning' },
      ],
    });
    expect(stage).toMatchObject({ status: 'succeeded', outcome: { blocking: false } });
    expect(stage.code).toBeUndefined();
    const outcome = stage.outcome as { violations: { code: string; message: { en: string } }[] };
    expect(outcome.violations.map((violation) => violation.code)).toEqual([
      'too_old',
      'weekend',
      'alcohol',
      'attendees_missing',
      'project_missing',
    ]);
    expect(outcome.violations[0]!.message.en).toBe('Expense 69 days old: at most 60 days before it is submitted.');
    expect(outcome.violations[2]!.message.en).toBe('Alcohol ("vin" on the receipt) is not reimbursed.');
  });

  it('finds alcohol in the merchant a receipt gives, and refuses (not throws on) a note the rules cannot read', () => {
    const rules = [{ kind: 'alcohol', severity: 'block' }];
    expect(check({ note: noteItem(), receipts: [receiptItem('processed', 'CAVE A BIERES')], rules })).toMatchObject({
      outcome: { blocking: true, violations: [{ code: 'alcohol' }] },
    });
    expect(check({ note: noteItem({ updatedAt: 'yesterday' }), rules })).toMatchObject({
      status: 'refused',
      code: 'note_not_checkable',
      reason: 'The note cannot be checked against the policy: /now is an ISO instant, e.g. 2026-03-12T09:30:00Z.',
    });
  });
});
