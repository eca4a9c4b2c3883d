import { describe, expect, it } from 'vitest';
import { lastOverdueDate, matchTransactions, overdueTransactions, type CardTransaction, type NoteForMatching } from '../src/index.js';

const eur = (value: string) => ({ value, currency: 'EUR' });
const tx = (id: string, date: string, value: string, merchant: string, extra: Partial<CardTransaction> = {}): CardTransaction => ({
  id,
  date,
  direction: 'debit',
  amount: eur(value),
  merchant,
  cardLast4: '4242',
  ...extra,
});
const note = (
  noteId: string,
  owner: string,
  date: string,
  value: string,
  merchant?: string,
  extra: Partial<NoteForMatching> = {},
): NoteForMatching => ({
  noteId,
  owner,
  date,
  amount: eur(value),
  ...(merchant ? { merchant } : {}),
  ...extra,
});
const holders = { '4242': 'emma', '1111': 'hugo' };

describe('matching card payments to notes', () => {
  it('pairs by the amount to the cent, the holder, the date a few days apart, and prefers the same merchant', () => {
    const transactions = [
      tx('t-hotel', '2026-03-03', '110.00', 'HOTEL IBIS LYON PART DIEU'),
      tx('t-train', '2026-03-06', '66.00', 'PAIEMENT CB SNCF CONNECT'),
      tx('t-unknown', '2026-03-09', '42.00', 'AMAZON'),
    ];
    const notes = [
      note('n-hotel', 'emma', '2026-03-03', '110.00', 'Ibis Lyon', { paymentMethod: 'company_card' }),
      // Same amount and day as the train, another merchant: the SNCF note wins the train payment.
      note('n-taxi', 'emma', '2026-03-05', '66.00', 'G7'),
      note('n-train', 'emma', '2026-03-04', '66.00', 'SNCF VOYAGEURS'),
      // Hugo's note of the same amount is not a candidate for Emma's card.
      note('n-hugo', 'hugo', '2026-03-09', '42.00', 'Amazon'),
    ];
    const result = matchTransactions(transactions, notes, { holders });
    expect(result.matches).toEqual([
      // 60 (amount) - 0 (same day) + 10 (declared paid by company card) = 70; Ibis and IBIS LYON are different keys here.
      { transactionId: 't-hotel', noteId: 'n-hotel', score: 70, reasons: ['same amount', 'same day', 'paid by company card'] },
      // 60 - 10 × 2 days + 30 (SNCF) = 70, against the taxi's 60 - 10 × 1 = 50.
      { transactionId: 't-train', noteId: 'n-train', score: 70, reasons: ['same amount', '2 days apart', 'same merchant'] },
    ]);
    expect(result.unmatched.map((t) => t.id)).toEqual(['t-unknown']);
  });

  it('matches a payment abroad by its original amount, and never one payment to two notes or two payments to one note', () => {
    const dinner = tx('t-ny', '2026-03-13', '78.34', "JOE'S STEAKHOUSE", { originalAmount: { value: '85.00', currency: 'USD' } });
    const twice = [tx('t-1', '2026-03-10', '3.20', 'CAFE'), tx('t-2', '2026-03-10', '3.20', 'CAFE')];
    const notes = [note('n-ny', 'emma', '2026-03-12', '85.00'), note('n-cafe', 'emma', '2026-03-10', '3.20', 'Cafe')];
    const usd = { ...notes[0]!, amount: { value: '85.00', currency: 'USD' } };
    const result = matchTransactions([dinner, ...twice], [usd, notes[1]!], { holders });
    expect(result.matches.map((m) => [m.transactionId, m.noteId])).toEqual([
      ['t-1', 'n-cafe'],
      ['t-ny', 'n-ny'],
    ]);
    expect(result.unmatched.map((t) => t.id)).toEqual(['t-2']);
  });

  it('leaves alone refunds, and notes more than three days from the payment', () => {
    const refund = tx('t-refund', '2026-03-07', '20.00', 'SNCF', { direction: 'credit' });
    const late = tx('t-late', '2026-03-20', '20.00', 'SNCF');
    const result = matchTransactions([refund, late], [note('n', 'emma', '2026-03-07', '20.00', 'SNCF')], { holders });
    expect(result.matches).toEqual([]);
    expect(result.unmatched.map((t) => t.id)).toEqual(['t-late']);
  });
});

describe('card payments still without a receipt', () => {
  it('are flagged from N days after the payment, with the holder to remind', () => {
    const transactions = [
      tx('t-old', '2026-03-01', '10.00', 'A'),
      tx('t-recent', '2026-03-25', '10.00', 'B', { cardLast4: '1111' }),
      tx('t-done', '2026-03-01', '10.00', 'C'),
      tx('t-refund', '2026-03-01', '10.00', 'D', { direction: 'credit' }),
    ];
    // 2026-03-31 − 2026-03-01 = 30 days ≥ 14: flagged; − 2026-03-25 = 6 days: not yet.
    expect(overdueTransactions(transactions, new Set(['t-done']), { today: '2026-03-31', afterDays: 14, holders })).toEqual([
      { transaction: transactions[0], days: 30, holder: 'emma' },
    ]);
  });

  it('the last date still overdue is N days before today, across a month end', () => {
    // 2026-03-31 − 14 days = 2026-03-17: a payment of the 17th is 14 days old (overdue), one of the 18th is 13.
    expect(lastOverdueDate('2026-03-31', 14)).toBe('2026-03-17');
    expect(lastOverdueDate('2026-03-05', 14)).toBe('2026-02-19');
  });
});
