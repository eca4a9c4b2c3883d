import type { NoteItem, ReceiptItem } from '@ndf/contracts';
import { testNoteItem, testReceiptItem } from '@ndf/testkit';
import { describe, expect, it } from 'vitest';
import { vatStageOf } from '../src/vat-stage.js';

const eur = (value: string) => ({ value, currency: 'EUR' });
const note = (fields: Partial<NoteItem>) => testNoteItem('acme', 'n1', fields);
const read = (receiptId: string, extracted: Record<string, string>): ReceiptItem =>
  testReceiptItem('acme', receiptId, { noteId: 'n1', extracted });
/** A note with its receipts, each listed by it. */
const withReceipts = (fields: Partial<NoteItem>, ...receipts: ReceiptItem[]) =>
  vatStageOf(note({ ...fields, receiptIds: receipts.map((receipt) => receipt.receiptId) }), receipts);

describe("a note's VAT, with hand-checked figures", () => {
  it('a restaurant of 50.00 TTC at 10 % whose invoice names the company: all its VAT recovered', () => {
    // VAT 4.55, HT 50.00 − 4.55 = 45.45 (45.45 × 10 % = 4.545 → 4.55 checks); printed: 100 % → 4.55
    const stage = withReceipts(
      { category: 'restaurant', companyMention: 'printed', amount: eur('50.00') },
      read('r1', { totalInclVat: '50.00', 'vat:10': '4.55' }),
    );
    expect(stage).toEqual({
      status: 'succeeded',
      outcome: {
        source: 'receipts',
        receiptIds: ['r1'],
        category: 'restaurant',
        account: '6256',
        totalInclVat: eur('50.00'),
        totalExclVat: eur('45.45'),
        vat: eur('4.55'),
        lines: [
          {
            rate: '10',
            base: eur('45.45'),
            baseSource: 'remainder',
            vat: eur('4.55'),
            recoverable: eur('4.55'),
            nonRecoverable: eur('0.00'),
          },
        ],
        recoverable: eur('4.55'),
        nonRecoverable: eur('0.00'),
        rule: {
          code: 'meal_company_printed',
          percent: 100,
          reason: 'meal: the invoice names the company',
          rounding: 'per VAT line, to the cent, half up',
        },
        assumptions: [],
      },
    });
  });

  it('the same restaurant when the note does not say whether the invoice names the company: nothing recovered, and said so', () => {
    // taken as absent: 0 % of 4.55 → 0.00 recovered, 4.55 not
    const stage = withReceipts({ category: 'restaurant', amount: eur('50.00') }, read('r1', { totalInclVat: '50.00', 'vat:10': '4.55' }));
    expect(stage).toMatchObject({
      status: 'succeeded',
      code: 'assumed',
      reason: expect.stringContaining('taken as not naming it'),
      outcome: { recoverable: eur('0.00'), nonRecoverable: eur('4.55'), rule: { code: 'meal_company_absent', percent: 0 } },
    });
    expect(stage.status === 'succeeded' && stage.outcome.assumptions).toHaveLength(1);
  });

  it('diesel for a passenger car, from the VAT lines the employee confirmed: 80 % recovered', () => {
    // 80.00 TTC, VAT 13.33 at 20 %: HT 66.67 (66.67 × 20 % = 13.334 → 13.33 checks)
    // recoverable 13.33 × 80 % = 10.664 → 10.66, not recoverable 13.33 − 10.66 = 2.67
    const stage = vatStageOf(
      note({
        category: 'fuel',
        fuel: { vehicle: 'passenger_car', energy: 'diesel' },
        amount: eur('80.00'),
        vatLines: [{ rate: '20', amount: '13.33' }],
      }),
      [],
    );
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        source: 'note',
        receiptIds: [],
        totalExclVat: eur('66.67'),
        vat: eur('13.33'),
        recoverable: eur('10.66'),
        nonRecoverable: eur('2.67'),
        rule: { code: 'fuel_passenger_car', percent: 80 },
      },
    });
  });

  it('tolls: 100 % recovered', () => {
    // 12.40 TTC, VAT 2.07 at 20 %: HT 10.33 (10.33 × 20 % = 2.066 → 2.07 checks), all of it recovered
    const stage = withReceipts({ category: 'tolls', amount: eur('12.40') }, read('r1', { totalInclVat: '12.40', 'vat:20': '2.07' }));
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        totalExclVat: eur('10.33'),
        vat: eur('2.07'),
        recoverable: eur('2.07'),
        nonRecoverable: eur('0.00'),
        rule: { code: 'tolls', percent: 100 },
      },
    });
  });

  it('a hotel room: nothing recovered', () => {
    // 110.00 TTC, VAT 10.00 at 10 %: HT 100.00 (100.00 × 10 % = 10.00 checks), 0 %
    const stage = withReceipts({ category: 'hotel', amount: eur('110.00') }, read('r1', { totalInclVat: '110.00', 'vat:10': '10.00' }));
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        totalExclVat: eur('100.00'),
        vat: eur('10.00'),
        recoverable: eur('0.00'),
        nonRecoverable: eur('10.00'),
        rule: { code: 'hotel_lodging', percent: 0 },
      },
    });
  });

  it('a train ticket: nothing recovered', () => {
    // 55.00 TTC, VAT 5.00 at 10 %: HT 50.00, 0 %
    const stage = withReceipts({ category: 'train', amount: eur('55.00') }, read('r1', { totalInclVat: '55.00', 'vat:10': '5.00' }));
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        totalExclVat: eur('50.00'),
        recoverable: eur('0.00'),
        nonRecoverable: eur('5.00'),
        rule: { code: 'passenger_transport', percent: 0 },
      },
    });
  });

  it('a receipt with two rates, whatever order its fields come back in', () => {
    // client meal, the company's identity added below 150 EUR HT: 100 %
    // 10 %: base 30.00, VAT 3.00; 20 %: base 12.00, VAT 2.40; TTC 30.00 + 3.00 + 12.00 + 2.40 = 47.40, HT 42.00
    const stage = withReceipts(
      { category: 'client_meal', companyMention: 'added_by_company', amount: eur('47.40') },
      read('r1', {
        'vat:10': '3.00',
        'vatBase:20': '12.00',
        totalInclVat: '47.40',
        'vat:20': '2.40',
        totalExclVat: '42.00',
        'vatBase:10': '30.00',
      }),
    );
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        account: '6257',
        totalExclVat: eur('42.00'),
        vat: eur('5.40'),
        lines: [
          {
            rate: '20',
            base: eur('12.00'),
            baseSource: 'printed',
            vat: eur('2.40'),
            recoverable: eur('2.40'),
            nonRecoverable: eur('0.00'),
          },
          {
            rate: '10',
            base: eur('30.00'),
            baseSource: 'printed',
            vat: eur('3.00'),
            recoverable: eur('3.00'),
            nonRecoverable: eur('0.00'),
          },
        ],
        recoverable: eur('5.40'),
        rule: { code: 'meal_company_added_below_150', percent: 100 },
      },
    });
  });

  it('the receipts of a note together', () => {
    // tolls 12.40 (VAT 2.07, HT 10.33) + 6.00 (VAT 1.00 on a printed 5.00): TTC 18.40, VAT 3.07, HT 15.33, all recovered
    const stage = withReceipts(
      { category: 'tolls', amount: eur('18.40') },
      read('r2', { totalInclVat: '6.00', 'vat:20': '1.00', 'vatBase:20': '5.00' }),
      read('r1', { totalInclVat: '12.40', 'vat:20': '2.07' }),
    );
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        receiptIds: ['r1', 'r2'],
        totalInclVat: eur('18.40'),
        totalExclVat: eur('15.33'),
        vat: eur('3.07'),
        lines: [{ rate: '20', base: eur('15.33'), vat: eur('3.07'), recoverable: eur('3.07') }],
        recoverable: eur('3.07'),
      },
    });
  });

  it('a mileage allowance: no VAT', () => {
    const stage = vatStageOf(
      note({ category: 'mileage', mileage: { km: '120', fiscalPower: 5, vehicle: 'car' }, amount: eur('76.32') }),
      [],
    );
    expect(stage).toMatchObject({
      status: 'succeeded',
      outcome: {
        source: 'none',
        totalInclVat: eur('76.32'),
        totalExclVat: eur('76.32'),
        vat: eur('0.00'),
        lines: [],
        recoverable: eur('0.00'),
        nonRecoverable: eur('0.00'),
        rule: { code: 'mileage', percent: 0 },
      },
    });
  });

  it('an expense in another currency, or abroad: no French VAT recovered', () => {
    const dinner = vatStageOf(note({ category: 'restaurant', companyMention: 'printed', amount: { value: '95.00', currency: 'USD' } }), []);
    expect(dinner).toMatchObject({
      status: 'succeeded',
      outcome: {
        totalInclVat: { value: '95.00', currency: 'USD' },
        recoverable: { value: '0.00', currency: 'USD' },
        rule: { code: 'foreign_vat', percent: 0, reason: expect.stringContaining('paid in USD') },
      },
    });
    const hotel = withReceipts(
      { category: 'hotel', country: 'DE', amount: eur('119.00') },
      read('r1', { totalInclVat: '119.00', 'vat:19': '19.00' }),
    );
    expect(hotel).toMatchObject({
      status: 'succeeded',
      outcome: {
        totalExclVat: eur('119.00'),
        vat: eur('0.00'),
        recoverable: eur('0.00'),
        rule: { code: 'foreign_vat', reason: expect.stringContaining('made in DE') },
      },
    });
  });
});

describe('a note whose VAT cannot be computed yet, or at all', () => {
  it('refuses a note without a category, and one outside the known list, saying which are accepted', () => {
    expect(vatStageOf(note({}), [])).toMatchObject({ status: 'refused', code: 'category_missing' });
    expect(vatStageOf(note({ category: 'parking' }), [])).toEqual({
      status: 'refused',
      code: 'unknown_category',
      reason:
        '"parking" is not a category whose VAT is known: choose one of hotel, hotel_meal, restaurant, client_meal, train, plane, taxi, ' +
        'ride_hailing, tolls, fuel, car_rental, mileage.',
    });
  });

  it('waits for a receipt still being read, or listed but not found, unless the employee confirmed the VAT lines', () => {
    const reading = testReceiptItem('acme', 'r2', { noteId: 'n1', status: 'reading' });
    const tolls = note({ category: 'tolls', amount: eur('12.40'), receiptIds: ['r1', 'r2', 'r3'] });
    expect(vatStageOf(tolls, [read('r1', { totalInclVat: '12.40', 'vat:20': '2.07' }), reading])).toEqual({
      status: 'pending',
      code: 'receipts_not_read',
      reason: 'Waiting for receipt r2, r3 to be read.',
      outcome: { waitingFor: ['r2', 'r3'] },
    });
    expect(vatStageOf({ ...tolls, vatLines: [{ rate: '20', amount: '2.07' }] }, [reading])).toMatchObject({
      status: 'succeeded',
      outcome: { source: 'note', recoverable: eur('2.07') },
    });
  });

  it('refuses a note whose receipt will never be read, or whose receipts do not make its amount', () => {
    const refusedReceipt = testReceiptItem('acme', 'r1', { noteId: 'n1', status: 'refused' });
    expect(withReceipts({ category: 'tolls' }, refusedReceipt)).toMatchObject({ status: 'refused', code: 'receipt_unreadable' });
    expect(withReceipts({ category: 'tolls', amount: eur('12.40') }, read('r1', { 'vat:20': '2.07' }))).toMatchObject({
      status: 'refused',
      code: 'receipt_unreadable',
      reason: "Receipt r1: its total could not be read. Enter the note's VAT lines (vatLines), or replace the receipt.",
    });
    expect(withReceipts({ category: 'tolls', amount: eur('12.50') }, read('r1', { totalInclVat: '12.40', 'vat:20': '2.07' }))).toEqual({
      status: 'refused',
      code: 'receipt_amount_mismatch',
      reason: "The receipts total 12.40 EUR; the note declares 12.50 EUR. Correct the amount, or enter the note's VAT lines (vatLines).",
    });
  });

  it("refuses what the VAT rules refuse, naming the note's field or the receipt", () => {
    expect(vatStageOf(note({ category: 'fuel', amount: eur('80.00'), vatLines: [{ rate: '20', amount: '13.33' }] }), [])).toEqual({
      status: 'refused',
      code: 'missing_vehicle',
      reason: '/fuel/vehicle: fuel needs vehicle: passenger_car or utility_vehicle.',
      outcome: {
        problems: [{ field: '/fuel/vehicle', code: 'missing_vehicle', message: 'fuel needs vehicle: passenger_car or utility_vehicle' }],
      },
    });
    expect(
      withReceipts({ category: 'tolls', amount: eur('11.90') }, read('r1', { totalInclVat: '11.90', 'vat:19': '1.90' })),
    ).toMatchObject({
      status: 'refused',
      code: 'unknown_rate',
      reason:
        'Receipt r1 (/vatLines/0/rate): "19" is not a French VAT rate (20, 10, 5.5, 2.1). ' +
        "Enter the note's VAT lines (vatLines) as the receipt prints them.",
      outcome: { problems: [{ field: '/receipts/r1/vatLines/0/rate', code: 'unknown_rate' }] },
    });
    // A VAT amount read without its rate, and a receipt in pounds on a note in euros made in France
    expect(
      withReceipts({ category: 'tolls', amount: eur('12.40') }, read('r1', { totalInclVat: '12.40', 'vat:unknown': '2.07' })),
    ).toMatchObject({
      status: 'refused',
      code: 'unknown_rate',
      outcome: { problems: [{ field: '/receipts/r1/vatLines/0/rate' }] },
    });
    expect(
      withReceipts({ category: 'tolls', amount: eur('12.40') }, read('r1', { totalInclVat: '12.40', 'vat:20': '2.07', currency: 'GBP' })),
    ).toMatchObject({ status: 'refused', code: 'unsupported_currency', outcome: { problems: [{ field: '/receipts/r1/currency' }] } });
  });

  it('takes a note without receipt nor VAT lines as having no VAT to recover, and says so', () => {
    expect(vatStageOf(note({ category: 'tolls', amount: eur('5.00') }), [])).toMatchObject({
      status: 'succeeded',
      code: 'assumed',
      reason: 'The note has no receipt and no VAT lines: without an invoice there is no VAT to recover.',
      outcome: { source: 'none', totalExclVat: eur('5.00'), vat: eur('0.00'), recoverable: eur('0.00'), rule: { code: 'tolls' } },
    });
  });
});
