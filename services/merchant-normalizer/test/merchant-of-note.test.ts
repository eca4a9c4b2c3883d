import { testNoteItem, testReceiptItem } from '@ndf/testkit';
import { describe, expect, it } from 'vitest';
import { merchantOfNote } from '../src/merchant-of-note.js';

const NOTE = '0f000000-0000-4000-8000-000000000001';
const note = (fields: Parameters<typeof testNoteItem>[2] = {}) => testNoteItem('acme', NOTE, fields);
const printing = (receiptId: string, merchant: string, confidence: number, status: 'processed' | 'reading' | 'refused' = 'processed') =>
  testReceiptItem('acme', receiptId, { noteId: NOTE, status, extracted: { merchant: { value: merchant, confidence } } });

describe("a note's merchant, normalised", () => {
  it.each([
    ['SNCF VOYAGEURS', 'SNCF', 'SNCF', { kind: 'alias', alias: 'SNCFVOYAGEURS' }],
    ['sncf.com', 'SNCF', 'SNCF', { kind: 'alias', alias: 'SNCF' }],
    // One edit in nine letters, within the one per five allowed.
    ['CARREF0UR', 'Carrefour', 'CARREFOUR', { kind: 'fuzzy', alias: 'CARREFOUR', distance: 1 }],
  ])('typed %s: %s, from the note', (typed, name, key, match) => {
    expect(merchantOfNote(note({ merchant: typed }), [])).toMatchObject({
      status: 'succeeded',
      outcome: { source: 'note', given: typed, merchant: { name, key, match } },
    });
  });

  it('what the user typed wins over what any receipt prints, and is kept as typed', () => {
    const stage = merchantOfNote(note({ merchant: 'SNCF VOYAGEURS' }), [printing('r1', 'Uber', 0.99)]);
    expect(stage).toEqual({
      status: 'succeeded',
      outcome: {
        source: 'note',
        given: 'SNCF VOYAGEURS',
        merchant: {
          name: 'SNCF',
          key: 'SNCF',
          cleaned: 'SNCF VOYAGEURS',
          usualCategory: 'train',
          match: { kind: 'alias', alias: 'SNCFVOYAGEURS' },
        },
      },
    });
  });

  it('a merchant that is no known brand keeps its cleaned name, without a usual category', () => {
    expect(merchantOfNote(note({ merchant: 'Boulangerie Dupont SARL' }), []).outcome).toEqual({
      source: 'note',
      given: 'Boulangerie Dupont SARL',
      merchant: { name: 'BOULANGERIE DUPONT', key: 'BOULANGERIE DUPONT', cleaned: 'BOULANGERIE DUPONT', match: { kind: 'unknown' } },
    });
  });

  it('none typed: the most confident merchant of the processed receipts, with the receipt', () => {
    const receipts = [printing('r1', 'CARREFOUR', 0.6), printing('r2', 'Taxis G7', 0.9), printing('r3', 'IBIS', 0.99, 'reading')];
    expect(merchantOfNote(note(), receipts)).toMatchObject({
      status: 'succeeded',
      outcome: { source: 'receipt', given: 'Taxis G7', receiptId: 'r2', merchant: { name: 'G7', key: 'G7', usualCategory: 'taxi' } },
    });
  });

  it('a printed merchant that names nothing once cleaned is passed over for the next receipt', () => {
    const receipts = [printing('r1', '12/03 0892', 0.95), printing('r2', 'Novotel Paris Est', 0.5)];
    expect(merchantOfNote(note(), receipts).outcome).toMatchObject({ source: 'receipt', receiptId: 'r2', merchant: { name: 'Novotel' } });
  });

  it('equally confident receipts: the same one every time, the first by id', () => {
    const receipts = [printing('r2', 'Shell', 0.8), printing('r1', 'Esso', 0.8)];
    expect(merchantOfNote(note(), receipts).outcome).toMatchObject({ receiptId: 'r1', merchant: { name: 'Esso' } });
    expect(merchantOfNote(note(), [...receipts].reverse()).outcome).toMatchObject({ receiptId: 'r1' });
  });

  it('a typed name that names no merchant is refused with a reason the employee can act on', () => {
    expect(merchantOfNote(note({ merchant: '12/03 0892' }), [printing('r1', 'SNCF', 0.9)])).toEqual({
      status: 'refused',
      code: 'merchant_unreadable',
      reason:
        'The merchant typed on the note cannot be read (no word names a merchant once numbers, dates and symbols are set aside): correct it.',
    });
  });

  it('none typed and a receipt still being read: pending, not refused', () => {
    expect(merchantOfNote(note(), [printing('r1', 'SNCF', 0.9, 'reading')])).toEqual({
      status: 'pending',
      code: 'receipts_unread',
      reason: 'No merchant is typed on the note; a receipt still being read may print one.',
    });
  });

  it('none typed, none printed: refused as missing', () => {
    const refusedReceipt = testReceiptItem('acme', 'r1', { noteId: NOTE, status: 'refused' });
    expect(merchantOfNote(note(), [refusedReceipt])).toEqual({
      status: 'refused',
      code: 'merchant_missing',
      reason: 'No merchant: type it on the note, or add a receipt that prints it.',
    });
  });

  it('a mileage note needs no merchant', () => {
    const mileage = note({ mileage: { km: '42', fiscalPower: 5, vehicle: 'car' } });
    expect(merchantOfNote(mileage, [])).toEqual({ status: 'succeeded', outcome: { source: 'none' } });
  });
});
