import type { AmountOwed } from '@ndf/amount-owed';
import { mileageDueIndexAttributes, tenantScope, type MileageAdjustmentLine, type MileageYearItem } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { withRegularisation } from '../src/mileage-regularisation.js';
import { takeMileage, type MileageDue } from '../src/mileage-plan.js';
import { planBatch, type BatchLine } from '../src/plan.js';
import { remittanceOf } from '../src/sepa-file.js';

const eur = (value: string) => ({ value, currency: 'EUR' });
const owed = (value: string, decidedBy: 'base' | 'company_card' = 'base'): AmountOwed => ({
  kind: 'owed',
  amount: eur(value),
  minor: BigInt(value.replace('.', '')),
  paidByCompanyCard: decidedBy === 'company_card',
  terms: [],
  decidedBy,
});
const line = (noteId: string, paid: string, due: string, difference: string): MileageAdjustmentLine => ({
  noteId,
  paid: eur(paid),
  due: eur(due),
  difference: eur(difference),
});
const due = (owner: string, year: number, total: string, lines: MileageAdjustmentLine[]): MileageDue => ({
  owner,
  year,
  adjustment: { total: eur(total), lines },
});
const payees = {
  payees: [
    { employee: 'emma', name: 'Emma Martin', iban: 'FR7630006000011234567890189' },
    { employee: 'hugo', name: 'Hugo Bernard', iban: 'DE89370400440532013000' },
    { employee: 'noah', name: 'Noah Petit', iban: 'GB29NWBK60161331926819' },
  ],
};

// A new scale moved two paid 5 CV trips: 1,200 km at 0.636 = 763.20 now 0.650 = 780.00 (+16.80);
// the next 800 km, 508.80 now 2,000 x 0.650 - 780.00 = 520.00 (+11.20): 28.00 to pay.
const scaleRaise = [line('n1', '763.20', '780.00', '16.80'), line('n2', '508.80', '520.00', '11.20')];
// A correction lowered two paid trips: 300.00 now 250.00 (-50.00), 100.00 now 74.50 (-25.50): 75.50 to recover.
const correction = [line('a', '300.00', '250.00', '-50.00'), line('b', '100.00', '74.50', '-25.50')];

describe("a batch line's mileage differences", () => {
  it('adds a difference to pay to what the notes owe', () => {
    expect(takeMileage([due('emma', 2026, '28.00', scaleRaise)], 8800n)).toEqual({
      taken: [
        {
          year: 2026,
          amount: eur('28.00'),
          lines: [
            { noteId: 'n1', amount: eur('16.80') },
            { noteId: 'n2', amount: eur('11.20') },
          ],
        },
      ],
      owedMinor: 11600n,
      notTaken: [],
    });
  });

  it('recovers a difference from what the notes owe, whole when they owe enough', () => {
    // 105.84 - 75.50 = 30.34
    const { taken, owedMinor } = takeMileage([due('noah', 2026, '-75.50', correction)], 10584n);
    expect(owedMinor).toBe(3034n);
    expect(taken).toEqual([
      {
        year: 2026,
        amount: eur('-75.50'),
        lines: [
          { noteId: 'a', amount: eur('-50.00') },
          { noteId: 'b', amount: eur('-25.50') },
        ],
      },
    ]);
  });

  it('recovers no more than the notes owe: the rest stays due, note by note, and a line to pay in the same year is carried whole', () => {
    // Lines +10.00, -50.00, -25.50: 65.50 to recover from 30.00 owed. Carried: +10.00, then -40.00 of the -50.00
    // (10.00 - 40.00 = -30.00); left to recover 65.50 - 30.00 = 35.50 (10.00 of a, all 25.50 of b).
    const lines = [line('p', '90.00', '100.00', '10.00'), ...correction];
    const { taken, owedMinor } = takeMileage([due('hugo', 2026, '-65.50', lines)], 3000n);
    expect(owedMinor).toBe(0n);
    expect(taken).toEqual([
      {
        year: 2026,
        amount: eur('-30.00'),
        lines: [
          { noteId: 'p', amount: eur('10.00') },
          { noteId: 'a', amount: eur('-40.00') },
        ],
        stillDue: eur('-35.50'),
      },
    ]);
  });

  it("pays every year's difference before recovering another's, and recovers nothing from a line that owes nothing", () => {
    // 0 owed (a card-paid note) + 15.00 paid for 2026 = 15.00, of which 15.00 recovered for 2025 (20.00 due): 5.00 left.
    const dues = [
      due('emma', 2025, '-20.00', [line('old', '120.00', '100.00', '-20.00')]),
      due('emma', 2026, '15.00', [line('new', '5.00', '20.00', '15.00')]),
    ];
    const { taken, owedMinor } = takeMileage(dues, 0n);
    expect(owedMinor).toBe(0n);
    expect(taken.map(({ year, amount, stillDue }) => ({ year, amount: amount.value, stillDue: stillDue?.value }))).toEqual([
      { year: 2026, amount: '15.00', stillDue: undefined },
      { year: 2025, amount: '-15.00', stillDue: '-5.00' },
    ]);
    expect(takeMileage([due('emma', 2025, '-20.00', [line('old', '120.00', '100.00', '-20.00')])], 0n)).toMatchObject({
      taken: [],
      notTaken: [{ year: 2025 }],
    });
  });
});

describe('a batch plan with mileage differences', () => {
  it('pays, recovers before the advances, leaves the difference of an employee without account, and makes a line of a difference alone', () => {
    const plan = planBatch(
      'b',
      [
        { noteId: 'train', owner: 'noah', owed: owed('105.84') },
        { noteId: 'meal', owner: 'hugo', owed: owed('30.00') },
      ],
      payees,
      [
        {
          pk: 'p',
          sk: 's',
          type: 'ADVANCE',
          tenant: 't',
          employee: 'noah',
          advanceId: 'adv',
          amount: eur('50.00'),
          paidAt: '2026-02-20',
          remaining: eur('50.00'),
          deductions: [],
          takenBy: [],
        },
      ],
      [
        due('emma', 2026, '28.00', scaleRaise),
        due('noah', 2026, '-75.50', correction),
        due('hugo', 2026, '-75.50', correction),
        due('lea', 2026, '12.00', [line('x', '10.00', '22.00', '12.00')]),
      ],
    );
    // emma: no note, 28.00 paid. hugo: 30.00 - 30.00 recovered = 0, 45.50 still to recover.
    // noah: 105.84 - 75.50 = 30.34, less 30.34 of his 50.00 advance: 0. Control sum 28.00.
    expect(
      plan.lines.map(({ employee, gross, net, mileage, advances }) => ({
        employee,
        gross: gross.value,
        net: net.value,
        mileage: mileage?.map((one) => one.amount.value),
        advances: advances.map((one) => one.amount.value),
      })),
    ).toEqual([
      { employee: 'emma', gross: '28.00', net: '28.00', mileage: ['28.00'], advances: [] },
      { employee: 'hugo', gross: '0.00', net: '0.00', mileage: ['-30.00'], advances: [] },
      { employee: 'noah', gross: '30.34', net: '0.00', mileage: ['-75.50'], advances: ['30.34'] },
    ]);
    expect(plan).toMatchObject({ transfers: 1, controlSum: eur('28.00') });
    expect(plan.lines[1]!.mileage![0]!.stillDue).toEqual(eur('-45.50'));
    expect(plan.leftMileage).toEqual([
      { owner: 'lea', year: 2026, amount: eur('12.00'), code: 'payee_missing', reason: 'No account is set for lea (settings PAYEES).' },
    ]);
  });

  it("names each year's regularisation in the transfer's remittance, with its sign", () => {
    const batchLine = (mileage: BatchLine['mileage']): BatchLine => ({
      employee: 'emma',
      notes: [{ noteId: 'n', amount: eur('22.00'), decidedBy: 'base' }],
      ...(mileage ? { mileage } : {}),
      gross: eur('22.00'),
      advances: [],
      net: eur('22.00'),
    });
    expect(remittanceOf('2026-05-1', batchLine(undefined))).toBe('Remboursement notes de frais 2026-05-1 (1 notes)');
    expect(
      remittanceOf(
        '2026-05-1',
        batchLine([
          { year: 2025, amount: eur('-15.00'), lines: [] },
          { year: 2026, amount: eur('28.00'), lines: [] },
        ]),
      ),
    ).toBe('Remboursement notes de frais 2026-05-1 (1 notes), regularisation IK 2025 -15.00, 2026 +28.00');
  });
});

describe("a year's regularisation", () => {
  const year: MileageYearItem = {
    pk: 'T#acme#MILEAGE',
    sk: 'Y#2026#U#emma',
    type: 'MILEAGE_YEAR',
    tenant: 'acme',
    owner: 'emma',
    year: 2026,
    revision: 3,
    computedAt: '2026-04-20T10:00:00.000Z',
    scaleIds: ['FR-2026'],
    vehicles: [],
    notes: [
      { noteId: 'n1', date: '2026-03-02', distanceKm: '1200', status: 'paid', allowance: eur('780.00'), committed: eur('763.20') },
      { noteId: 'n2', date: '2026-03-09', distanceKm: '800', status: 'paid', allowance: eur('520.00'), committed: eur('508.80') },
    ],
    adjustment: { total: eur('28.00'), lines: scaleRaise },
    adjustmentDue: 'pay',
    refusedNoteIds: [],
    regularisations: [],
    ...mileageDueIndexAttributes(tenantScope({ tenant: 'acme', user: 'emma', roles: [] }), 2026),
  };
  const batch = {
    id: '2026-05-1',
    at: '2026-05-05T08:00:00.000Z',
    lines: [
      { noteId: 'n1', amount: eur('16.80') },
      { noteId: 'n2', amount: eur('11.20') },
    ],
  };

  it('zeroes the adjustment it carried whole, moves the revision on and leaves the index', () => {
    const after = withRegularisation(year, batch);
    expect(after).toMatchObject({
      revision: 4,
      adjustment: { total: eur('0.00'), lines: [] },
      adjustmentDue: 'none',
      regularisations: [batch],
    });
    expect(after).not.toHaveProperty('gsi1pk');
    expect(after).not.toHaveProperty('gsi1sk');
  });

  it('keeps what a recomputation added since the batch read the year, and a note whose difference it had cleared', () => {
    // Recomputed since: n1 now 790.00 (+26.80), n2 back to what was paid (no line). The batch paid +16.80 and +11.20:
    // n1 790.00 - (763.20 + 16.80) = +10.00; n2 508.80 - (508.80 + 11.20) = -11.20; -1.20 to recover.
    const recomputed: MileageYearItem = {
      ...year,
      revision: 5,
      adjustment: { total: eur('26.80'), lines: [line('n1', '763.20', '790.00', '26.80')] },
    };
    const after = withRegularisation(recomputed, batch);
    expect(after).toMatchObject({
      revision: 6,
      adjustment: {
        total: eur('-1.20'),
        lines: [line('n1', '780.00', '790.00', '10.00'), line('n2', '520.00', '508.80', '-11.20')],
      },
      adjustmentDue: 'recover',
      gsi1pk: year.gsi1pk,
    });
  });

  it('takes only the part of a recovery the batch carried, the rest still due', () => {
    const recovering: MileageYearItem = { ...year, adjustment: { total: eur('-75.50'), lines: correction }, adjustmentDue: 'recover' };
    const after = withRegularisation(recovering, { id: 'b', at: 't', lines: [{ noteId: 'a', amount: eur('-30.00') }] });
    expect(after.adjustment).toEqual({
      total: eur('-45.50'),
      lines: [line('a', '270.00', '250.00', '-20.00'), line('b', '100.00', '74.50', '-25.50')],
    });
    expect(after).toMatchObject({ adjustmentDue: 'recover', gsi1sk: 'acme#2026#emma' });
  });
});
