import { describe, expect, it } from 'vitest';
import { findDuplicates, type DuplicateCheckInput, type NoteExpense } from '../src/duplicate-check.js';

const SHA = 'c'.repeat(64);
const dinner: NoteExpense = {
  noteId: 'n1',
  owner: 'alice',
  amount: { value: '42.50', currency: 'EUR' },
  date: '2024-03-12',
  merchant: 'SNCF VOYAGEURS',
};
const input = (changes: Partial<DuplicateCheckInput>): DuplicateCheckInput => ({
  note: dinner,
  receipts: [{ noteId: 'n1', receiptId: 'r1', sha256: SHA, imageHash: '0000000000000000' }],
  indexed: [],
  ownerNotes: [],
  ...changes,
});

describe('the duplicates of a note', () => {
  it('names the other note of a receipt with the same file once, as the certain signal, not also as a similar image', () => {
    const { findings } = findDuplicates(
      input({
        indexed: [
          { noteId: 'n1', receiptId: 'r1', sha256: SHA, imageHash: '0000000000000000' },
          { noteId: 'n2', receiptId: 'r2', sha256: SHA, imageHash: '0000000000000000' },
        ],
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ signal: 'same_bytes', otherNoteId: 'n2', receiptId: 'r1', otherReceiptId: 'r2' })]);
  });

  it("flags another employee's receipt within the threshold as a similar image, and not one a bit beyond it", () => {
    // 0x00000000000000ff is 8 bits from 0: at the threshold. 0x1ff is 9 bits: beyond.
    const { findings } = findDuplicates(
      input({
        indexed: [
          { noteId: 'n2', receiptId: 'r2', sha256: 'd'.repeat(64), imageHash: '00000000000000ff' },
          { noteId: 'n3', receiptId: 'r3', sha256: 'e'.repeat(64), imageHash: '00000000000001ff' },
        ],
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ signal: 'similar_image', otherNoteId: 'n2', distance: 8 })]);
  });

  it("flags the owner's same expense typed twice (same amount to the cent, merchant as normalised, a day apart), naming the note", () => {
    const { findings } = findDuplicates(
      input({
        receipts: [],
        ownerNotes: [
          dinner,
          // sncf.com normalises to SNCF, as SNCF VOYAGEURS does; 42.5 is 4250 cents, as 42.50.
          { ...dinner, noteId: 'n2', merchant: 'sncf.com', amount: { value: '42.5', currency: 'EUR' }, date: '2024-03-13' },
          { ...dinner, noteId: 'n3', amount: { value: '42.51', currency: 'EUR' } },
          { ...dinner, noteId: 'n4', date: '2024-03-14' },
          { ...dinner, noteId: 'n5', merchant: undefined },
          { ...dinner, noteId: 'n6', amount: { value: 'forty', currency: 'EUR' } },
        ],
      }),
    );
    expect(findings).toEqual([
      {
        signal: 'same_expense',
        otherNoteId: 'n2',
        daysApart: 1,
        reason: 'the same amount (42.50 EUR) at SNCF 1 day apart (2024-03-13) as note n2',
      },
    ]);
  });

  it("does not flag another employee's note of the same amount, date and merchant by the same-expense signal", () => {
    const { findings } = findDuplicates(input({ receipts: [], ownerNotes: [{ ...dinner, noteId: 'n2', owner: 'bob' }] }));
    expect(findings).toEqual([]);
  });

  it('says which signals it could not compute, and why', () => {
    const { findings, skipped } = findDuplicates(
      input({ note: { ...dinner, merchant: undefined }, receipts: [{ noteId: 'n1', receiptId: 'r1' }] }),
    );
    expect(findings).toEqual([]);
    expect(skipped).toEqual([
      { signal: 'same_bytes', receiptId: 'r1', reason: 'its SHA-256 is not recorded yet' },
      { signal: 'same_expense', reason: 'neither the note nor its receipts name a merchant' },
    ]);
  });
});
