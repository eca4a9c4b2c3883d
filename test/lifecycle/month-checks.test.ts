import { fromMinorUnits, type NoteDetail, type StageView } from '@ndf/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYEES, EXPECTED, type PlannedNote } from './month.js';
import { startMonthPlatform, waitForEach, type MonthPlatform } from './month-platform.js';

// The month's 200 drafts on a platform as `npm start` runs it: every check of every note against
// the figures worked out by hand in month.ts (VAT, conversion, mileage, the cap's split, the
// duplicate, the weekend), before anyone submits anything.
let month: MonthPlatform;
let notes: (PlannedNote & { id: string })[];
const details = new Map<string, NoteDetail>();

/** The checks a note waits for, by what it is. */
const checksOf = (note: PlannedNote) => [
  'vat-calculator',
  'policy-checker',
  'duplicate-detector',
  ...(note.input.mileage ? ['mileage-calculator'] : []),
  ...(note.input.amount.currency !== 'EUR' ? ['currency-converter'] : []),
];
const stageOf = (id: string, service: string): StageView => {
  const stage = details.get(id)?.stages.find((candidate) => candidate.service === service && candidate.receiptId === undefined);
  if (!stage) throw new Error(`note ${id} has no ${service} stage`);
  return stage;
};
const outcome = <T>(id: string, service: string) => stageOf(id, service).outcome as T;
/** Cents of a EUR decimal string, zero included (a note's amount is positive, a recoverable VAT may be 0.00). */
const cents = (value: string) => {
  const [units = '0', fraction = ''] = value.split('.');
  return BigInt(units + fraction.padEnd(2, '0'));
};
const sum = (values: readonly { value: string }[]) =>
  fromMinorUnits(
    values.reduce((total, money) => total + cents(money.value), 0n),
    'EUR',
  ).value;

beforeAll(async () => {
  month = await startMonthPlatform();
  notes = await month.createMonth();
  await waitForEach(
    "every note's checks",
    notes,
    async (note) => {
      const detail = await month.note(note.id, note.employee);
      details.set(note.id, detail);
      return checksOf(note).every((service) =>
        detail.stages.some((stage) => stage.service === service && stage.status !== 'pending' && stage.noteVersion === detail.version),
      );
    },
    600_000,
  );
}, 900_000);
afterAll(async () => month?.stop());

describe('the month of drafts, checked', () => {
  it('computes every check of the 200 notes: none refused, each for the version the employee wrote', () => {
    expect(notes).toHaveLength(200);
    const refused = notes.flatMap((note) =>
      checksOf(note).flatMap((service) =>
        stageOf(note.id, service).status === 'succeeded' ? [] : [`${note.id} ${service} ${stageOf(note.id, service).code}`],
      ),
    );
    expect(refused).toEqual([]);
  });

  it("recovers each employee's VAT as worked out by hand (the duplicate still counts until it is rejected)", () => {
    for (const employee of EMPLOYEES) {
      const own = notes.filter((note) => note.employee === employee && note.mark !== 'duplicate');
      const recoverable = sum(own.map((note) => outcome<{ recoverable: { value: string } }>(note.id, 'vat-calculator').recoverable));
      expect({ employee, recoverable }).toEqual({ employee, recoverable: EXPECTED.recoverableVat[employee] });
    }
  });

  it('converts the dollar dinner on its day, pays each trip its allowance, and splits the train over its cap', () => {
    const dinner = notes.find((note) => note.mark === 'foreign')!;
    expect(outcome(dinner.id, 'currency-converter')).toMatchObject(EXPECTED.foreignDinner);
    for (const trip of notes.filter((note) => note.input.mileage))
      expect(outcome(trip.id, 'mileage-calculator')).toMatchObject({ allowance: EXPECTED.mileageAllowance });
    const train = notes.find((note) => note.mark === 'over-cap')!;
    expect(outcome(train.id, 'policy-checker')).toMatchObject({
      blocking: false,
      amounts: { claimed: EXPECTED.overCap.claimed, allowed: EXPECTED.overCap.allowed, refused: EXPECTED.overCap.refused },
    });
  });

  it('flags the duplicate meal with its original, and nothing else; warns of the weekend taxi', () => {
    const flagged = notes.filter(
      (note) => (outcome<{ otherNoteIds: string[] }>(note.id, 'duplicate-detector').otherNoteIds ?? []).length > 0,
    );
    const duplicate = notes.find((note) => note.mark === 'duplicate')!;
    const original = notes.find(
      (note) =>
        note.employee === 'chloe' &&
        note.mark === undefined &&
        note.input.date === duplicate.input.date &&
        note.input.category === 'restaurant',
    )!;
    expect(flagged.map((note) => note.id).sort()).toEqual([duplicate.id, original.id].sort());
    expect(outcome(duplicate.id, 'duplicate-detector')).toMatchObject({ otherNoteIds: [original.id] });

    const warned = notes.filter((note) => (outcome<{ violations: unknown[] }>(note.id, 'policy-checker').violations ?? []).length > 0);
    const weekend = notes.find((note) => note.mark === 'weekend')!;
    const train = notes.find((note) => note.mark === 'over-cap')!;
    expect(warned.map((note) => note.id).sort()).toEqual([weekend.id, train.id].sort());
    expect(outcome(weekend.id, 'policy-checker')).toMatchObject({
      blocking: false,
      violations: [{ code: 'weekend', severity: 'warning' }],
    });
  });
});
