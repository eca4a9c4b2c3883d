import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { mileageYearKey, tenantScope, type MileageYearItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { recomputeTenantYear, type MileageDependencies } from '@ndf/mileage-calculator/recompute';
import { carryForward, FRANCE_2023, FRENCH_SCALES, ScaleBook, type MileageScaleData } from '@ndf/mileage-scale';
import { confirmBatchPaid, runTenantBatch, type BatchItem, type BatcherDependencies, type Call } from '@ndf/reimbursement-batches';
import { approveNote, eur, policy, writePaymentSettings } from '@ndf/reimbursement-batches/testing';
import { validatePain001 } from '@ndf/sepa-transfer';
import { readItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A year's mileage from the calculator to the bank: two trips paid on the scale carried to 2026,
// the 2026 scale published in spring, the year recomputed, and the next batch pays exactly the
// difference, once.
const PREFIX = 'mileage-regularisation-';
const TENANT = 'acme';
const signal = new AbortController().signal;
const call: Call = (_dependency, fn) => fn(signal);
const runner = { call, signal, log: { info: () => undefined, warn: () => undefined, error: () => undefined } };
let stack: SharedStack;
const table = () => tableName(PREFIX, 'notes');
const APRIL = { now: new Date('2026-04-05T08:00:00.000Z'), window: { cutoff: '2026-04-05T00:00:00.000Z', period: '2026-04' } };
const MAY = { now: new Date('2026-05-05T08:00:00.000Z'), window: { cutoff: '2026-05-05T00:00:00.000Z', period: '2026-05' } };
const batcher = (now: Date): BatcherDependencies => ({
  dynamodb: stack.clients.dynamodb,
  s3: stack.clients.s3,
  notesTable: table(),
  exportsBucket: bucketName(PREFIX, 'exports'),
  now: () => now,
});
// Until the 2026 scale is out, 2026 is paid on the 2023 figures (5 CV: 0.636 per km up to 5,000 km).
const CARRIED = [carryForward(FRANCE_2023, 2026), ...FRENCH_SCALES];
// A 2026 scale as published in spring (fictitious figures): 5 CV cars at 0.650 up to 5,000 km.
const PUBLISHED_2026: MileageScaleData = {
  ...FRANCE_2023,
  id: 'FR-2026',
  years: { first: 2026, last: 2026 },
  rows: {
    ...FRANCE_2023.rows,
    car: FRANCE_2023.rows.car.map((row) =>
      row.fiscalPower.min === 5 ? { ...row, bands: [{ ...row.bands[0]!, perKm: '0.650' }, ...row.bands.slice(1)] } : row,
    ),
  },
};
const calculator = (scales: readonly MileageScaleData[]): MileageDependencies => ({
  dynamodb: stack.clients.dynamodb,
  notesTable: table(),
  scales: new ScaleBook([...scales]),
  now: () => new Date('2026-04-20T10:00:00.000Z'),
});
const yearItem = async () =>
  (await readItem(
    stack.clients.dynamodb,
    table(),
    mileageYearKey(tenantScope({ tenant: TENANT, user: 'emma', roles: [] }), 2026),
  )) as unknown as MileageYearItem;
const batchOf = (run: Awaited<ReturnType<typeof runTenantBatch>>): BatchItem => {
  if (run.outcome !== 'batched') throw new Error(`No batch: ${JSON.stringify(run)}`);
  return run.batch;
};

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

describe("a mileage year's difference, from the calculator to the next batch", () => {
  it('a year recomputed on the published scale after its two trips were paid: the next batch pays exactly the difference, once', async () => {
    await writePaymentSettings(stack.clients.dynamodb, table(), TENANT, 5);
    // emma's two trips with her 5 CV car in March, on the carried scale: 1,200 x 0.636 = 763.20; then 2,000 x 0.636 = 1,272.00, less 763.20 = 508.80.
    const trip = (date: string, km: string, allowance: string) =>
      approveNote(
        stack.clients.dynamodb,
        table(),
        TENANT,
        {
          owner: 'emma',
          date,
          input: { amount: eur(allowance), paymentMethod: 'other', mileage: { km, fiscalPower: 5, vehicle: 'car' } },
          stages: { 'policy-checker': policy(allowance), 'mileage-calculator': { kind: 'allowance', allowance: eur(allowance) } },
        },
        new Date('2026-03-20T09:00:00.000Z'),
      );
    const first = await trip('2026-03-02', '1200', '763.20');
    const second = await trip('2026-03-09', '800', '508.80');
    // The calculator agrees with what was approved: nothing to regularise.
    const carried = await recomputeTenantYear(calculator(CARRIED), TENANT, 2026, ['emma']);
    expect(carried[0]!.result.adjustment).toEqual({ total: eur('0.00'), lines: [] });

    // April: the two trips paid, 1,272.00.
    const april = batchOf(await runTenantBatch(TENANT, APRIL.window, runner, batcher(APRIL.now)));
    expect(april).toMatchObject({ batchId: '2026-04-1', controlSum: eur('1272.00') });
    expect(april.lines[0]).not.toHaveProperty('mileage');
    const accountant = tenantScope({ tenant: TENANT, user: 'erin', roles: ['accountant'] });
    expect(await confirmBatchPaid(accountant, '2026-04-1', call, batcher(APRIL.now), signal)).toMatchObject({ outcome: 'paid', notes: 2 });

    // The 2026 scale is published: 1,200 x 0.650 = 780.00 (+16.80); 2,000 x 0.650 = 1,300.00, less 780.00 = 520.00 (+11.20). 28.00 to pay.
    const published = await recomputeTenantYear(calculator([...CARRIED, PUBLISHED_2026]), TENANT, 2026);
    const { total, lines } = published[0]!.result.adjustment;
    expect(total).toEqual(eur('28.00'));
    expect([...lines].sort((a, b) => a.due.value.localeCompare(b.due.value))).toEqual([
      { noteId: second, paid: eur('508.80'), due: eur('520.00'), difference: eur('11.20') },
      { noteId: first, paid: eur('763.20'), due: eur('780.00'), difference: eur('16.80') },
    ]);
    expect(await yearItem()).toMatchObject({ adjustmentDue: 'pay', gsi1sk: `${TENANT}#2026#emma` });

    // May: no new note; the batch pays emma exactly 28.00, and says why.
    const may = batchOf(await runTenantBatch(TENANT, MAY.window, runner, batcher(MAY.now)));
    expect(may).toMatchObject({ batchId: '2026-05-2', transfers: 1, controlSum: eur('28.00') });
    expect(may.lines).toEqual([
      expect.objectContaining({
        employee: 'emma',
        notes: [],
        mileage: [
          {
            year: 2026,
            amount: eur('28.00'),
            lines: lines.map((line) => ({ noteId: line.noteId, amount: line.difference })),
          },
        ],
        gross: eur('28.00'),
        net: eur('28.00'),
      }),
    ]);
    const file = await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucketName(PREFIX, 'exports'), Key: may.fileKey! }));
    const xml = await file.Body!.transformToString();
    expect(await validatePain001(xml)).toMatchObject({ valid: true });
    expect(xml).toContain('<InstdAmt Ccy="EUR">28.00</InstdAmt>');
    expect(xml).toContain('<Ustrd>Remboursement notes de frais 2026-05-2 (0 notes), regularisation IK 2026 +28.00</Ustrd>');

    // The calculator counts the regularisation as paid: a later recomputation leaves nothing due, and no batch pays it again.
    const after = await recomputeTenantYear(calculator([...CARRIED, PUBLISHED_2026]), TENANT, 2026);
    expect(after[0]!.result.adjustment).toEqual({ total: eur('0.00'), lines: [] });
    expect(await yearItem()).toMatchObject({
      adjustmentDue: 'none',
      regularisations: [{ id: '2026-05-2', lines: may.lines[0]!.mileage![0]!.lines }],
    });
    expect(await yearItem()).not.toHaveProperty('gsi1pk');
    const june = { cutoff: '2026-06-05T00:00:00.000Z', period: '2026-06' };
    expect(await runTenantBatch(TENANT, june, runner, batcher(new Date('2026-06-05T08:00:00.000Z')))).toEqual({
      outcome: 'nothing',
      left: [],
    });
  });
});
