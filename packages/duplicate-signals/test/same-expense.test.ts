import { describe, expect, it } from 'vitest';
import { DATE_TOLERANCE_DAYS, DuplicateInputError, sameExpenseSignals, type Expense } from '../src/index.js';

const dinner: Expense = {
  noteId: 'n1',
  receiptId: 'r1',
  employee: 'alice',
  amount: { value: '42.50', currency: 'EUR' },
  date: '2024-03-12',
  merchant: 'LE PETIT ZINC',
};
const claim = (changes: Partial<Expense>): Expense => ({ ...dinner, noteId: 'n2', receiptId: 'r2', ...changes });
const flagged = (...others: Expense[]): (string | undefined)[] =>
  sameExpenseSignals(dinner, others).map((signal) => signal.other.receiptId);

describe('the same amount, date and merchant for the same employee', () => {
  it('flags the same dinner claimed on another note, on the same day', () => {
    const [signal] = sameExpenseSignals(dinner, [claim({})]);
    expect(signal).toEqual({
      kind: 'same_expense',
      other: { noteId: 'n2', receiptId: 'r2' },
      daysApart: 0,
      reason: 'the same amount (42.50 EUR) at LE PETIT ZINC on the same day as receipt r2 of note n2',
    });
  });

  it('compares notes as typed, without receipts, naming the other note', () => {
    const typed = (noteId: string): Expense => ({ ...dinner, noteId, receiptId: undefined });
    expect(sameExpenseSignals(typed('n1'), [typed('n1'), typed('n2')])).toEqual([
      {
        kind: 'same_expense',
        other: { noteId: 'n2' },
        daysApart: 0,
        reason: 'the same amount (42.50 EUR) at LE PETIT ZINC on the same day as note n2',
      },
    ]);
  });

  it('compares amounts exactly in minor units, whatever the decimals written', () => {
    // "42.5" EUR is 4250 cents, as "42.50"; "42.51" is 4251: one cent is another expense.
    expect(
      flagged(
        claim({ amount: { value: '42.5', currency: 'EUR' } }),
        claim({ receiptId: 'r3', amount: { value: '42.51', currency: 'EUR' } }),
      ),
    ).toEqual(['r2']);
    // The same figure in another currency is another expense.
    expect(flagged(claim({ amount: { value: '42.50', currency: 'CHF' } }))).toEqual([]);
  });

  it(`allows ${DATE_TOLERANCE_DAYS} day between the dates, not 2`, () => {
    // 2024-03-12 − 1 = 2024-03-11, + 1 = 2024-03-13 (flagged); ± 2 = 03-10 and 03-14 (not).
    expect(flagged(claim({ receiptId: 'a', date: '2024-03-11' }), claim({ receiptId: 'b', date: '2024-03-13' }))).toEqual(['a', 'b']);
    expect(flagged(claim({ receiptId: 'c', date: '2024-03-10' }), claim({ receiptId: 'd', date: '2024-03-14' }))).toEqual([]);
    expect(sameExpenseSignals(dinner, [claim({ date: '2024-03-13' })])[0]).toMatchObject({
      daysApart: 1,
      reason: expect.stringContaining('1 day apart (2024-03-13)'),
    });
  });

  it('counts days across a month end and a leap day', () => {
    // 2024 is a leap year: 2024-02-29 + 1 day = 2024-03-01; 2024-02-28 is 2 days before 03-01.
    const leap: Expense = { ...dinner, date: '2024-03-01' };
    expect(
      sameExpenseSignals(leap, [claim({ receiptId: 'a', date: '2024-02-29' }), claim({ receiptId: 'b', date: '2024-02-28' })]).map(
        (s) => s.other.receiptId,
      ),
    ).toEqual(['a']);
    // Across a year: 2023-12-31 + 1 = 2024-01-01.
    expect(sameExpenseSignals({ ...dinner, date: '2024-01-01' }, [claim({ date: '2023-12-31' })])).toHaveLength(1);
  });

  it("ignores another employee's expense and another merchant", () => {
    expect(flagged(claim({ employee: 'bob' }), claim({ receiptId: 'r3', merchant: 'SNCF' }))).toEqual([]);
  });

  it('never flags a receipt against itself', () => {
    expect(sameExpenseSignals(dinner, [dinner])).toEqual([]);
  });

  it('refuses bad input with a typed error naming the field', () => {
    const cases: [Partial<Expense>, string, string][] = [
      [{ amount: { value: '42.505', currency: 'EUR' } }, '/others/0/amount', 'invalid_amount'],
      [{ amount: { value: '-1', currency: 'EUR' } }, '/others/0/amount', 'invalid_amount'],
      [{ amount: { value: '42.50', currency: 'EURO' } }, '/others/0/amount', 'invalid_amount'],
      [{ date: '2025-02-29' }, '/others/0/date', 'invalid_date'],
      [{ date: '12/03/2024' }, '/others/0/date', 'invalid_date'],
      [{ merchant: ' ' }, '/others/0/merchant', 'invalid_text'],
      [{ employee: undefined as unknown as string }, '/others/0/employee', 'invalid_text'],
    ];
    for (const [changes, field, code] of cases) {
      const call = (): unknown => sameExpenseSignals(dinner, [claim(changes)]);
      expect(call).toThrow(DuplicateInputError);
      expect(call).toThrow(expect.objectContaining({ field, code }));
    }
  });
});
