import type { HistoryItem, NoteItem, StageItem } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { employeeTotals, recoverableVatOf, reportSection, type NoteRecords } from '../src/reports/monthly-report.js';

const submitted = [{ type: 'HISTORY', action: 'submit', version: 2 } as HistoryItem];

function records(noteId: string, fields: Partial<NoteItem>, stages: Partial<StageItem>[] = []): NoteRecords {
  return {
    note: {
      noteId,
      owner: 'emma',
      status: 'approved',
      date: '2026-03-10',
      amount: { value: '10.00', currency: 'EUR' },
      receiptIds: [],
      ...fields,
    } as NoteRecords['note'],
    stages: stages.map((stage) => ({ type: 'STAGE', noteVersion: 2, status: 'succeeded', ...stage }) as StageItem),
    history: submitted,
  };
}

const policy = (allowed: string): Partial<StageItem> => ({
  service: 'policy-checker',
  outcome: { amounts: { allowed: { value: allowed, currency: 'EUR' } } },
});
const vat = (value: string, currency = 'EUR'): Partial<StageItem> => ({
  service: 'vat-calculator',
  outcome: { recoverable: { value, currency } },
});

describe('recoverableVatOf', () => {
  it("says why the VAT is missing: a refused stage with the calculator's reason, a recoverable amount in another currency", () => {
    const refused = records('n1', {}, [
      { service: 'vat-calculator', status: 'refused', code: 'category_missing', reason: 'Choose a category.' },
    ]);
    expect(recoverableVatOf(refused)).toEqual({
      kind: 'unavailable',
      code: 'stage_refused',
      reason: 'The vat-calculator: Choose a category.',
    });
    expect(recoverableVatOf(records('n2', {}, [vat('1.20', 'GBP')]))).toMatchObject({ kind: 'unavailable', code: 'not_eur' });
    // Foreign VAT is none: its zero is a figure, whatever its currency.
    expect(recoverableVatOf(records('n3', {}, [vat('0.00', 'USD')]))).toEqual({
      kind: 'computed',
      recoverable: { value: '0.00', currency: 'USD' },
    });
  });
});

describe('employeeTotals and reportSection', () => {
  const notes = [
    records('n2', { date: '2026-03-20', amount: { value: '0.10', currency: 'EUR' } }, [policy('0.10'), vat('0.02')]),
    records('n1', { date: '2026-03-02', amount: { value: '0.20', currency: 'EUR' } }, [policy('0.20'), vat('0.01')]),
    records('n3', { date: '2026-03-05', amount: { value: '1500', currency: 'JPY' }, paymentMethod: 'company_card' }, [vat('0', 'JPY')]),
  ];

  it('sums exactly in minor units, the claimed amounts per currency', () => {
    // Claimed 0.20 + 0.10 = 0.30 EUR exactly (not 0.30000000000000004) and 1500 JPY apart; owed 0.30 + 0 (the card paid the yen); VAT 0.02 + 0.01 + 0 = 0.03.
    expect(employeeTotals('emma', notes)).toEqual({
      employee: 'emma',
      notes: 3,
      totals: {
        claimed: [
          { value: '0.30', currency: 'EUR' },
          { value: '1500', currency: 'JPY' },
        ],
        owed: { value: '0.30', currency: 'EUR' },
        recoverableVat: { value: '0.03', currency: 'EUR' },
        paidByCompanyCard: [{ value: '1500', currency: 'JPY' }],
        unavailable: { owed: 0, recoverableVat: 0 },
      },
    });
  });

  it('lists the notes by date', () => {
    expect(reportSection('emma', notes).notes.map((note) => note.noteId)).toEqual(['n1', 'n3', 'n2']);
  });
});
