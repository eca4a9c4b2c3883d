import { BatchWriteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  listingSortKey,
  mileageDueIndexAttributes,
  mileageYearKey,
  noteKey,
  ownerListing,
  stageKey,
  tenantScope,
  type ChangeMessage,
  type MileageYearItem,
  type NoteItem,
  type StageItem,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { FRANCE_2023, FRENCH_SCALES, ScaleBook, type MileageScaleData } from '@ndf/mileage-scale';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeEmployeeYear, type DynamoCall } from '../src/recompute.js';
import { recomputeTenantYear } from '../src/recompute-command.js';
import { service } from '../src/service.js';
import { mileageNote } from './notes.js';

const PREFIX = 'mileage-';
const bob = tenantScope({ tenant: 'acme', user: 'bob', roles: ['employee'] });
const ids = {
  jan: '0e000000-0000-4000-8000-000000000001',
  mar: '0e000000-0000-4000-8000-000000000003',
  jun: '0e000000-0000-4000-8000-000000000006',
  dec: '0e000000-0000-4000-8000-000000000012',
  carolsFirst: '0c000000-0000-4000-8000-000000000001',
  franksEarly: '0f000000-0000-4000-8000-000000000001',
  franksLater: '0f000000-0000-4000-8000-000000000002',
};
// A fictitious scale published for 2024: 5 CV cars at 0.650 (instead of 0.636) up to 5,000 km.
const springScale: MileageScaleData = {
  ...FRANCE_2023,
  id: 'FR-2024-spring',
  years: { first: 2024, last: 2024 },
  rows: {
    ...FRANCE_2023.rows,
    car: FRANCE_2023.rows.car.map((row) =>
      row.fiscalPower.min === 5 ? { ...row, bands: [{ ...row.bands[0]!, perKm: '0.650' }, ...row.bands.slice(1)] } : row,
    ),
  },
};
let stack: SharedStack;
let calculator: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  calculator = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await calculator?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (item: object) =>
  stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
const get = async <T>(key: { pk: string; sk: string }) => {
  const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table(), Key: marshall(key), ConsistentRead: true }));
  return Item ? (unmarshall(Item) as T) : undefined;
};
const stageOf = (noteId: string) => get<StageItem>(stageKey(bob, 'mileage-calculator', { noteId }));
const allowanceOf = async (noteId: string) => ((await stageOf(noteId))?.outcome as { allowance: { value: string } }).allowance.value;
const yearItem = () => get<MileageYearItem>(mileageYearKey(bob, 2024));

/** Bob's note as the ingest API stores it: in his listing (gsi1) by date, out of it once deleted. */
function bobsNote(name: keyof typeof ids, date: string, km: string, overrides: Partial<NoteItem> = {}): NoteItem {
  const noteId = ids[name];
  const note = { ...mileageNote(noteId, date, km, overrides), ...noteKey(bob, noteId) };
  return note.status === 'deleted' ? note : { ...note, gsi1pk: ownerListing(bob), gsi1sk: listingSortKey(date, noteId) };
}
const change = (note: NoteItem, old?: NoteItem): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: `e-${note.noteId}-${note.version}`,
  eventName: old ? 'MODIFY' : 'INSERT',
  itemType: 'NOTE',
  keys: { pk: note.pk, sk: note.sk },
  sequenceNumber: String(note.version),
  newImage: { ...note },
  ...(old ? { oldImage: { ...old } } : {}),
});

describe('mileage-calculator on the local stack', () => {
  const jan = bobsNote('jan', '2024-01-10', '2000');
  const mar = bobsNote('mar', '2024-03-10', '2800');
  const jun = bobsNote('jun', '2024-06-10', '400', { status: 'received', amount: { value: '254.40', currency: 'EUR' } });
  const janCorrected = { ...jan, version: 2, mileage: { ...jan.mileage!, km: '2300' } };

  it("computes every note of the employee's year when one arrives, each with its band and cumulative km", async () => {
    for (const note of [jan, mar, jun]) await put(note);
    await calculator.handle(change(jun));
    // jan: 2,000 x 0.636 = 1,272.00
    // mar: at 4,800 km, 4,800 x 0.636 = 3,052.80; 3,052.80 - 1,272.00 = 1,780.80
    // jun: at 5,200 km, 5,200 x 0.357 + 1,395 = 3,251.40; 3,251.40 - 3,052.80 = 198.60
    expect([await allowanceOf(ids.jan), await allowanceOf(ids.mar), await allowanceOf(ids.jun)]).toEqual(['1272.00', '1780.80', '198.60']);
    expect(await stageOf(ids.jun)).toMatchObject({
      type: 'STAGE',
      status: 'succeeded',
      noteVersion: 1,
      outcome: {
        declared: { value: '254.40' },
        allowance: { value: '198.60' },
        allowanceMinusDeclared: { value: '-55.80' }, // 198.60 - 254.40
        scaleId: 'FR-2023',
        cumulativeBeforeKm: '4800.0',
        cumulativeAfterKm: '5200.0',
        bands: [{ index: 0 }, { index: 1 }],
      },
    });
    expect(await yearItem()).toMatchObject({
      type: ITEM_TYPES.mileageYear,
      owner: 'bob',
      year: 2024,
      revision: 1,
      vehicles: [{ vehicleId: 'car-5cv', distanceKm: '5200.0', allowance: { value: '3251.40' } }],
      adjustment: { total: { value: '0.00' }, lines: [] },
      adjustmentDue: 'none',
    });
  });

  it('changes no stage on a repeat, nor on an older version arriving late', async () => {
    const before = await stageOf(ids.jan);
    await calculator.handle(change(jun));
    await calculator.handle(change({ ...jan, status: 'received' }));
    expect(await stageOf(ids.jan)).toEqual(before);
  });

  it('recomputes the whole year on a correction: the later notes move with it', async () => {
    await put(janCorrected);
    await calculator.handle(change(janCorrected, jan));
    // jan: 2,300 x 0.636 = 1,462.80
    // mar: at 5,100 km, 5,100 x 0.357 + 1,395 = 1,820.70 + 1,395 = 3,215.70; 3,215.70 - 1,462.80 = 1,752.90
    // jun: at 5,500 km, 5,500 x 0.357 + 1,395 = 3,358.50; 3,358.50 - 3,215.70 = 142.80
    expect([await allowanceOf(ids.jan), await allowanceOf(ids.mar), await allowanceOf(ids.jun)]).toEqual(['1462.80', '1752.90', '142.80']);
    expect(await stageOf(ids.jan)).toMatchObject({ noteVersion: 2 });
  });

  it('records what a paid note is owed after a deletion moves it, in the year the batcher reads, once', async () => {
    const marPaid = { ...mar, status: 'paid' as const, version: 5 };
    await put(marPaid);
    const janDeleted = { ...bobsNote('jan', '2024-01-10', '2300', { status: 'deleted' }), version: 3 };
    await put(janDeleted);
    await calculator.handle(change(janDeleted, janCorrected));
    // mar: now the first trip, 2,800 x 0.636 = 1,780.80; its frozen stage paid 1,752.90: 1,780.80 - 1,752.90 = + 27.90 to pay
    // jun (open): at 3,200 km, back in the first band, 3,200 x 0.636 = 2,035.20; 2,035.20 - 1,780.80 = 254.40
    expect(await allowanceOf(ids.mar)).toBe('1752.90');
    expect(await allowanceOf(ids.jun)).toBe('254.40');
    const year = await yearItem();
    expect(year).toMatchObject({
      adjustment: {
        total: { value: '27.90', currency: 'EUR' },
        lines: [{ noteId: ids.mar, paid: { value: '1752.90' }, due: { value: '1780.80' }, difference: { value: '27.90' } }],
      },
      adjustmentDue: 'pay',
      // In the batcher's index while something is due.
      ...mileageDueIndexAttributes(bob, 2024),
    });
    expect(year!.gsi1sk).toBe('acme#2024#bob');
    expect(year!.notes.map((note) => note.noteId)).toEqual([ids.mar, ids.jun]);

    // The batcher pays it: a regularisation, the adjustment zeroed, the revision moved on (as its contract says).
    await put({
      ...year!,
      revision: year!.revision + 1,
      regularisations: [
        { id: 'batch-1', at: '2024-07-01T00:00:00Z', lines: [{ noteId: ids.mar, amount: { value: '27.90', currency: 'EUR' } }] },
      ],
      adjustment: { total: { value: '0.00', currency: 'EUR' }, lines: [] },
      adjustmentDue: 'none',
    });
    await calculator.handle(change(jun));
    expect(await yearItem()).toMatchObject({
      adjustment: { total: { value: '0.00' } },
      adjustmentDue: 'none',
      regularisations: [{ id: 'batch-1' }],
    });
    // Nothing due: out of the index, even though the regularisation above left it there.
    expect(await yearItem()).not.toHaveProperty('gsi1pk');
  });

  it('recomputes a year for a scale published in spring that applies from January, with the difference to pay', async () => {
    const dependencies = { dynamodb: stack.clients.dynamodb, notesTable: table(), scales: new ScaleBook([...FRENCH_SCALES, springScale]) };
    const results = await recomputeTenantYear(dependencies, 'acme', 2024);
    expect(results.map(({ owner }) => owner)).toEqual(['bob']);
    // mar: 2,800 x 0.650 = 1,820.00; paid 1,752.90 + 27.90 = 1,780.80: 1,820.00 - 1,780.80 = + 39.20
    // jun (open): at 3,200 km, 3,200 x 0.650 = 2,080.00; 2,080.00 - 1,820.00 = 260.00
    expect(results[0]!.result.adjustment.total).toEqual({ value: '39.20', currency: 'EUR' });
    expect(await allowanceOf(ids.jun)).toBe('260.00');
    expect(await stageOf(ids.jun)).toMatchObject({ outcome: { scaleId: 'FR-2024-spring' } });
    expect(await yearItem()).toMatchObject({ scaleIds: ['FR-2024-spring'], adjustmentDue: 'pay' });
  });

  it('computes again when the batcher writes the year in between, so that its regularisation is never overwritten', async () => {
    const before = (await yearItem())!;
    let calls = 0;
    // Reads of the year, the listing, the notes and the stages come first; the batcher writes just after them.
    const racingBatcher: DynamoCall = async (work) => {
      calls += 1;
      if (calls === 5)
        await put({
          ...before,
          revision: before.revision + 1,
          regularisations: [
            ...before.regularisations,
            { id: 'batch-2', at: '2024-08-01T00:00:00Z', lines: [{ noteId: ids.mar, amount: { value: '39.20', currency: 'EUR' } }] },
          ],
        });
      return work(AbortSignal.timeout(10_000));
    };
    const dependencies = { dynamodb: stack.clients.dynamodb, notesTable: table(), scales: new ScaleBook([...FRENCH_SCALES, springScale]) };
    const result = await recomputeEmployeeYear(dependencies, racingBatcher, bob, 2024);
    // 1,752.90 + 27.90 + 39.20 = 1,820.00 paid for mar, 1,820.00 due: nothing left.
    expect(result.adjustment.total.value).toBe('0.00');
    expect(await yearItem()).toMatchObject({ revision: before.revision + 2, regularisations: [{ id: 'batch-1' }, { id: 'batch-2' }] });
  });

  it('reads the note that changed even when the listing index does not show it yet, and both years of a note whose date moved', async () => {
    const carol = tenantScope({ tenant: 'acme', user: 'carol', roles: ['employee'] });
    const carols = (noteId: string, date: string, km: string, version = 1): NoteItem => ({
      ...mileageNote(noteId, date, km, { owner: 'carol', version }),
      ...noteKey(carol, noteId),
      gsi1pk: ownerListing(carol),
      gsi1sk: listingSortKey(date, noteId),
    });
    const first = carols(ids.carolsFirst, '2024-11-02', '100');
    await put(first);
    // Not yet in gsi1 (the index is eventually consistent): no gsi1pk.
    const late = { ...carols(ids.dec, '2024-12-20', '10'), gsi1pk: undefined, gsi1sk: undefined };
    await put(late);
    await calculator.handle(change(late));
    // At 100 km before it: 110 x 0.636 = 69.96; 69.96 - 63.60 (100 x 0.636) = 6.36
    const carolsStage = (noteId: string) => get<StageItem>(stageKey(carol, 'mileage-calculator', { noteId }));
    expect(await carolsStage(ids.dec)).toMatchObject({ outcome: { cumulativeBeforeKm: '100.0', allowance: { value: '6.36' } } });
    // Moved into 2025: its stage is 2025's first trip (10 x 0.636 = 6.36 from 0 km), and 2024 no longer counts it.
    const moved = carols(ids.dec, '2025-01-05', '10', 2);
    await put(moved);
    await calculator.handle(change(moved, late));
    expect(await carolsStage(ids.dec)).toMatchObject({
      noteVersion: 2,
      outcome: { year: 2025, cumulativeBeforeKm: '0.0', allowance: { value: '6.36' } },
    });
    const yearOf = async (year: number) => (await get<MileageYearItem>(mileageYearKey(carol, year)))!.notes.map((note) => note.noteId);
    expect(await yearOf(2024)).toEqual([ids.carolsFirst]);
    expect(await yearOf(2025)).toEqual([ids.dec]);
  });

  it('computes a year of more notes than one batch read takes (120), crossing 5,000 km at the 101st', async () => {
    const dave = tenantScope({ tenant: 'acme', user: 'dave', roles: ['employee'] });
    const notes = Array.from({ length: 120 }, (_, index) => {
      const noteId = `0d000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
      const date = new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(0, 10);
      return {
        ...mileageNote(noteId, date, '50', { owner: 'dave' }),
        ...noteKey(dave, noteId),
        gsi1pk: ownerListing(dave),
        gsi1sk: listingSortKey(date, noteId),
      };
    });
    for (let offset = 0; offset < notes.length; offset += 25)
      await stack.clients.dynamodb.send(
        new BatchWriteItemCommand({
          RequestItems: { [table()]: notes.slice(offset, offset + 25).map((note) => ({ PutRequest: { Item: marshall(note) } })) },
        }),
      );
    await calculator.handle(change(notes[119]!));
    const davesAllowance = async (index: number) =>
      (
        (await get<StageItem>(stageKey(dave, 'mileage-calculator', { noteId: notes[index]!.noteId })))!.outcome as {
          allowance: { value: string };
        }
      ).allowance.value;
    // the 100th: at 5,000 km, 5,000 x 0.636 = 3,180.00; 4,950 x 0.636 = 3,148.20; 3,180.00 - 3,148.20 = 31.80
    // the 101st: at 5,050 km, 5,050 x 0.357 + 1,395 = 1,802.85 + 1,395 = 3,197.85; 3,197.85 - 3,180.00 = 17.85
    expect([await davesAllowance(99), await davesAllowance(100)]).toEqual(['31.80', '17.85']);
    // the year: 6,000 x 0.357 + 1,395 = 2,142 + 1,395 = 3,537.00
    expect(await get<MileageYearItem>(mileageYearKey(dave, 2024))).toMatchObject({
      vehicles: [{ distanceKm: '6000.0', allowance: { value: '3537.00' } }],
    });
  });

  it('computes the year again when a note is approved between its reading and its stage, and records its difference', async () => {
    const frank = tenantScope({ tenant: 'acme', user: 'frank', roles: [] });
    const franks = (noteId: string, date: string, km: string, overrides: Partial<NoteItem> = {}): NoteItem => ({
      ...mileageNote(noteId, date, km, { owner: 'frank', ...overrides }),
      ...noteKey(frank, noteId),
      gsi1pk: ownerListing(frank),
      gsi1sk: listingSortKey(date, noteId),
    });
    const early = franks(ids.franksEarly, '2024-01-10', '4000');
    const later = franks(ids.franksLater, '2024-03-10', '1000');
    await put(early);
    await put(later);
    const dependencies = { dynamodb: stack.clients.dynamodb, notesTable: table(), scales: new ScaleBook(FRENCH_SCALES) };
    const plainCall: DynamoCall = (work) => work(AbortSignal.timeout(10_000));
    await recomputeEmployeeYear(dependencies, plainCall, frank, 2024);
    const stageOfFrank = (noteId: string) => get<StageItem>(stageKey(frank, 'mileage-calculator', { noteId }));
    // later: at 5,000 km, 5,000 x 0.636 = 3,180.00; 3,180.00 - 2,544.00 (4,000 x 0.636) = 636.00
    expect(await stageOfFrank(ids.franksLater)).toMatchObject({ outcome: { allowance: { value: '636.00' } } });

    await put({ ...early, version: 2, mileage: { ...early.mileage!, km: '4500' } });
    let calls = 0;
    // The approver approves `later` after the notes were read, before its new figure is written.
    const approvedMeanwhile: DynamoCall = async (work) => {
      calls += 1;
      if (calls === 4) await put({ ...later, status: 'approved', version: 2 });
      return work(AbortSignal.timeout(10_000));
    };
    const result = await recomputeEmployeeYear(dependencies, approvedMeanwhile, frank, 2024, [ids.franksEarly]);
    // Its stage stays the figure it was approved with; at 5,500 km now, 5,500 x 0.357 + 1,395 = 3,358.50,
    // minus 4,500 x 0.636 = 2,862.00: 496.50 due, 636.00 committed, 496.50 - 636.00 = -139.50 to recover.
    expect(await stageOfFrank(ids.franksLater)).toMatchObject({ noteVersion: 1, outcome: { allowance: { value: '636.00' } } });
    expect(result.adjustment).toMatchObject({
      total: { value: '-139.50' },
      lines: [{ noteId: ids.franksLater, due: { value: '496.50' } }],
    });
    expect(await stageOfFrank(ids.franksEarly)).toMatchObject({ noteVersion: 2, outcome: { allowance: { value: '2862.00' } } });
  });

  it('quarantines a change without an owner, and ignores a note that never carried mileage', async () => {
    const plain = { ...bobsNote('jun', '2024-06-10', '1'), mileage: undefined } as NoteItem;
    await expect(calculator.handle(change(plain))).resolves.toEqual([]);
    await expect(calculator.handle(change({ ...jun, owner: undefined } as unknown as NoteItem))).rejects.toThrow(
      /PermanentError: The change of .* carries no tenant, owner or note id\./,
    );
  });
});
