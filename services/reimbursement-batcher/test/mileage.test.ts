import { GetObjectCommand } from '@aws-sdk/client-s3';
import { PutItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { batchControlKey, mileageYearKey, tenantScope, type MileageYearItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { validatePain001 } from '@ndf/sepa-transfer';
import { readItem, startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTenantBatch, type BatchItem, type BatcherDependencies, type StepRunner } from '@ndf/reimbursement-batches';
import {
  approveNote,
  eur,
  policy,
  putMileageYear,
  writePaymentSettings,
  stackBatcherDependencies,
  testRunner,
} from '@ndf/reimbursement-batches/testing';
import { service } from '../src/service.js';

let stack: SharedStack;
let running: ServiceUnderTest;
const signal = new AbortController().signal;
const table = () => tableName(stack.config.prefix, 'notes');
const runner = (options: Partial<StepRunner> = {}): StepRunner => testRunner(signal, options);
// The batch day is the 5th: the April batch takes what was approved, or computed, before 5 April.
const APRIL = { now: new Date('2026-04-05T08:00:00.000Z'), window: { cutoff: '2026-04-05T00:00:00.000Z', period: '2026-04' } };
const MAY = { now: new Date('2026-05-05T08:00:00.000Z'), window: { cutoff: '2026-05-05T00:00:00.000Z', period: '2026-05' } };
const dependencies = (now = APRIL.now, dynamodb: DynamoDBClient = stack.clients.dynamodb): BatcherDependencies =>
  stackBatcherDependencies(stack, now, dynamodb);

beforeAll(async () => {
  stack = await useSharedStack('reimbursement-mileage-', { ...catalog, services: [service.entry] });
  running = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

async function approve(tenant: string, owner: string, amount: string, approvedAt = new Date('2026-03-20T09:00:00.000Z')) {
  return approveNote(
    stack.clients.dynamodb,
    table(),
    tenant,
    { owner, input: { amount: eur(amount), paymentMethod: 'personal_card' }, stages: { 'policy-checker': policy(amount) } },
    approvedAt,
  );
}
const putYear = (
  tenant: string,
  employee: string,
  notes: Parameters<typeof putMileageYear>[5],
  options?: Parameters<typeof putMileageYear>[6],
) => putMileageYear(stack.clients.dynamodb, table(), tenant, employee, 2026, notes, options);
const yearOf = async (tenant: string, employee: string) =>
  (await readItem(
    stack.clients.dynamodb,
    table(),
    mileageYearKey(tenantScope({ tenant, user: employee, roles: [] }), 2026),
  )) as unknown as MileageYearItem;
const batched = (run: Awaited<ReturnType<typeof runTenantBatch>>): BatchItem => {
  if (run.outcome !== 'batched' && run.outcome !== 'resumed') throw new Error(`No batch: ${JSON.stringify(run)}`);
  return run.batch;
};
async function fileOf(batch: BatchItem): Promise<string> {
  const object = await stack.clients.s3.send(
    new GetObjectCommand({ Bucket: bucketName(stack.config.prefix, 'exports'), Key: batch.fileKey! }),
  );
  return object.Body!.transformToString();
}
async function batchesOf(tenant: string): Promise<BatchItem[]> {
  const answer = await stack.clients.dynamodb.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :b)',
      ExpressionAttributeValues: marshall({ ':pk': batchControlKey(tenantScope({ tenant, user: 'x', roles: [] })).pk, ':b': 'B#' }),
      ConsistentRead: true,
    }),
  );
  return (answer.Items ?? []).map((raw) => unmarshall(raw) as BatchItem);
}

// A new scale raised two paid 5 CV trips: 1,200 km at 0.636 = 763.20, now at 0.650 = 780.00 (+16.80);
// the next 800 km, 2,000 x 0.636 - 763.20 = 508.80, now 2,000 x 0.650 - 780.00 = 520.00 (+11.20): 28.00 to pay.
const SCALE_RAISE = [
  { noteId: 'trip-1', paid: '763.20', due: '780.00' },
  { noteId: 'trip-2', paid: '508.80', due: '520.00' },
];

describe("the batcher pays and recovers the mileage years' differences", () => {
  it("adds a difference to pay to the employee's transfer and deducts one to recover, names both in the SEPA file, and zeroes each year once", async () => {
    const tenant = `ik-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
    // emma: 22.00 + 66.00 = 88.00, less 40.00 to recover (a trip paid 300.00 corrected down to 260.00) = 48.00.
    await approve(tenant, 'emma', '22.00');
    await approve(tenant, 'emma', '66.00');
    await putYear(tenant, 'emma', [{ noteId: 'long-trip', paid: '300.00', due: '260.00' }]);
    // hugo: 30.00 + 28.00 = 58.00. Control sum 48.00 + 58.00 = 106.00.
    await approve(tenant, 'hugo', '30.00');
    await putYear(tenant, 'hugo', SCALE_RAISE);

    const batch = batched(await runTenantBatch(tenant, APRIL.window, runner(), dependencies()));
    expect(batch).toMatchObject({ batchId: '2026-04-1', status: 'batched', transfers: 2, controlSum: eur('106.00') });
    expect(batch.lines.map(({ employee, gross, net, mileage }) => ({ employee, gross: gross.value, net: net.value, mileage }))).toEqual([
      {
        employee: 'emma',
        gross: '48.00',
        net: '48.00',
        mileage: [{ year: 2026, amount: eur('-40.00'), lines: [{ noteId: 'long-trip', amount: eur('-40.00') }] }],
      },
      {
        employee: 'hugo',
        gross: '58.00',
        net: '58.00',
        mileage: [
          {
            year: 2026,
            amount: eur('28.00'),
            lines: [
              { noteId: 'trip-1', amount: eur('16.80') },
              { noteId: 'trip-2', amount: eur('11.20') },
            ],
          },
        ],
      },
    ]);
    const xml = await fileOf(batch);
    expect(await validatePain001(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<InstdAmt Ccy="EUR">48.00</InstdAmt>');
    expect(xml).toContain('<Ustrd>Remboursement notes de frais 2026-04-1 (2 notes), regularisation IK 2026 -40.00</Ustrd>');
    expect(xml).toContain('<Ustrd>Remboursement notes de frais 2026-04-1 (1 notes), regularisation IK 2026 +28.00</Ustrd>');

    for (const [employee, lines] of [
      ['emma', [{ noteId: 'long-trip', amount: eur('-40.00') }]],
      ['hugo', batch.lines[1]!.mileage![0]!.lines],
    ] as const) {
      const year = await yearOf(tenant, employee);
      expect(year).toMatchObject({
        revision: 4,
        adjustment: { total: eur('0.00'), lines: [] },
        adjustmentDue: 'none',
        regularisations: [{ id: '2026-04-1', at: APRIL.now.toISOString(), lines }],
      });
      expect(year).not.toHaveProperty('gsi1pk');
    }
    // Nothing left: a repeat makes no batch, and pays nothing twice.
    expect(await runTenantBatch(tenant, APRIL.window, runner(), dependencies())).toEqual({ outcome: 'nothing', left: [] });
    expect(await batchesOf(tenant)).toHaveLength(1);
  });

  it('recovers no more than the batch owes the employee: the rest stays due, in the index, and the next batch takes it', async () => {
    const tenant = `ik-rest-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
    // 75.50 to recover (300.00 now 250.00, 100.00 now 74.50) from 30.00 owed: 30.00 of the first trip's 50.00 taken, nothing transferred.
    await approve(tenant, 'hugo', '30.00');
    await putYear(tenant, 'hugo', [
      { noteId: 'trip-a', paid: '300.00', due: '250.00' },
      { noteId: 'trip-b', paid: '100.00', due: '74.50' },
    ]);
    const april = batched(await runTenantBatch(tenant, APRIL.window, runner(), dependencies()));
    expect(april).toMatchObject({ transfers: 0, controlSum: eur('0.00') });
    expect(april).not.toHaveProperty('fileKey');
    expect(april.lines).toEqual([
      expect.objectContaining({
        employee: 'hugo',
        gross: eur('0.00'),
        net: eur('0.00'),
        mileage: [{ year: 2026, amount: eur('-30.00'), lines: [{ noteId: 'trip-a', amount: eur('-30.00') }], stillDue: eur('-45.50') }],
      }),
    ]);
    const partly = await yearOf(tenant, 'hugo');
    expect(partly).toMatchObject({
      adjustment: {
        total: eur('-45.50'),
        lines: [
          { noteId: 'trip-a', paid: eur('270.00'), due: eur('250.00'), difference: eur('-20.00') },
          { noteId: 'trip-b', paid: eur('100.00'), due: eur('74.50'), difference: eur('-25.50') },
        ],
      },
      adjustmentDue: 'recover',
      regularisations: [{ id: '2026-04-1' }],
    });
    expect(partly.gsi1pk).toMatch(/^MILEAGE_DUE#\d$/);

    // May: a new note of 60.00, less the 45.50 still to recover = 14.50 transferred; the year is settled.
    await approve(tenant, 'hugo', '60.00', new Date('2026-04-20T09:00:00.000Z'));
    const may = batched(await runTenantBatch(tenant, MAY.window, runner(), dependencies(MAY.now)));
    expect(may).toMatchObject({ batchId: '2026-05-2', transfers: 1, controlSum: eur('14.50') });
    expect(may.lines[0]!.mileage).toEqual([
      {
        year: 2026,
        amount: eur('-45.50'),
        lines: [
          { noteId: 'trip-a', amount: eur('-20.00') },
          { noteId: 'trip-b', amount: eur('-25.50') },
        ],
      },
    ]);
    const settled = await yearOf(tenant, 'hugo');
    expect(settled).toMatchObject({
      adjustmentDue: 'none',
      adjustment: { total: eur('0.00') },
      regularisations: [{ id: '2026-04-1' }, { id: '2026-05-2' }],
    });
    expect(settled).not.toHaveProperty('gsi1pk');
  });

  it('a batcher killed between the BATCH item and the regularisation, or just after it, pays the difference once', async () => {
    const tenant = `ik-kill-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
    await approve(tenant, 'emma', '88.00');
    await putYear(tenant, 'emma', SCALE_RAISE);

    expect(batched(await runTenantBatch(tenant, APRIL.window, runner({ stopAfter: 'create' }), dependencies()))).toMatchObject({
      status: 'open',
    });
    expect(batched(await runTenantBatch(tenant, APRIL.window, runner({ stopAfter: 'advances' }), dependencies()))).toMatchObject({
      status: 'open',
    });
    expect(await yearOf(tenant, 'emma')).toMatchObject({ revision: 3, adjustmentDue: 'pay', regularisations: [] });
    // The regularisation appended, then killed before the file: the next run repeats the step.
    await runTenantBatch(tenant, APRIL.window, runner({ stopAfter: 'mileage' }), dependencies());
    await runTenantBatch(tenant, APRIL.window, runner({ stopAfter: 'mileage' }), dependencies());
    expect(await yearOf(tenant, 'emma')).toMatchObject({ revision: 4, adjustmentDue: 'none', regularisations: [{ id: '2026-04-1' }] });

    // The service's tick finishes it from the open batches' index.
    await running.handle({ kind: 'tick' });
    const batches = await batchesOf(tenant);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ status: 'batched', transfers: 1, controlSum: eur('116.00') });
    expect(await fileOf(batches[0]!)).toContain('<InstdAmt Ccy="EUR">116.00</InstdAmt>');
    const year = await yearOf(tenant, 'emma');
    expect(year).toMatchObject({ revision: 4, adjustment: { total: eur('0.00') } });
    expect(year.regularisations).toHaveLength(1);
  });

  it('a recomputation racing the batch is kept: the regularisation is written on the year as it now stands, and the next batch pays only what is left', async () => {
    const tenant = `ik-race-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
    await approve(tenant, 'emma', '88.00');
    await putYear(tenant, 'emma', SCALE_RAISE);
    // The batch is written with the 28.00 read, then the calculator recomputes the year: trip-1 now 790.00 (+26.80).
    await runTenantBatch(tenant, APRIL.window, runner({ stopAfter: 'create' }), dependencies());
    await putYear(tenant, 'emma', [{ ...SCALE_RAISE[0]!, due: '790.00' }, SCALE_RAISE[1]!], { revision: 4 });
    // And again between the batcher's read of the year and its write: trip-1 now 795.00 (+31.80). Its write fails, it reads again.
    const real = stack.clients.dynamodb;
    let raced = false;
    const racing = {
      send: async (command: Parameters<DynamoDBClient['send']>[0], options?: Parameters<DynamoDBClient['send']>[1]) => {
        if (!raced && command instanceof PutItemCommand && command.input.Item?.sk?.S === 'Y#2026#U#emma') {
          raced = true;
          await putYear(tenant, 'emma', [{ ...SCALE_RAISE[0]!, due: '795.00' }, SCALE_RAISE[1]!], { revision: 5 });
        }
        return real.send(command as never, options);
      },
    } as unknown as DynamoDBClient;
    const april = batched(await runTenantBatch(tenant, APRIL.window, runner(), dependencies(APRIL.now, racing)));
    expect(raced).toBe(true);
    expect(april).toMatchObject({ status: 'batched', controlSum: eur('116.00') });

    // trip-1: 795.00 due, 763.20 + 16.80 paid: 15.00 left; trip-2: 520.00 due, 508.80 + 11.20 paid: settled.
    const year = await yearOf(tenant, 'emma');
    expect(year).toMatchObject({
      revision: 6,
      adjustment: { total: eur('15.00'), lines: [{ noteId: 'trip-1', paid: eur('780.00'), due: eur('795.00'), difference: eur('15.00') }] },
      adjustmentDue: 'pay',
      regularisations: [{ id: '2026-04-1' }],
    });
    expect(year.adjustment.lines).toHaveLength(1);
    expect(year.gsi1pk).toBeDefined();
    const may = batched(await runTenantBatch(tenant, MAY.window, runner(), dependencies(MAY.now)));
    expect(may).toMatchObject({
      batchId: '2026-05-2',
      controlSum: eur('15.00'),
      lines: [{ employee: 'emma', notes: [], gross: eur('15.00') }],
    });
  });

  it('a batch carries at most 1,000 mileage lines: a year past them waits, whole, for the next batch', async () => {
    const tenant = `ik-many-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
    // 600 trips each, every one 1.00 more than paid: 600.00 per employee; emma's year comes first in the index.
    const trips = (who: string) => Array.from({ length: 600 }, (_, index) => ({ noteId: `${who}-${index}`, paid: '10.00', due: '11.00' }));
    await putYear(tenant, 'emma', trips('emma'));
    await putYear(tenant, 'hugo', trips('hugo'));
    const april = batched(await runTenantBatch(tenant, APRIL.window, runner(), dependencies()));
    expect(april).toMatchObject({ controlSum: eur('600.00'), lines: [{ employee: 'emma' }] });
    expect(april.lines).toHaveLength(1);
    expect(await yearOf(tenant, 'hugo')).toMatchObject({ adjustmentDue: 'pay', regularisations: [] });
    const may = batched(await runTenantBatch(tenant, MAY.window, runner(), dependencies(MAY.now)));
    expect(may).toMatchObject({ controlSum: eur('600.00'), lines: [{ employee: 'hugo' }] });
    expect(await yearOf(tenant, 'hugo')).toMatchObject({ adjustmentDue: 'none', regularisations: [{ id: may.batchId }] });
  });

  it('the tick batches a tenant whose only money due is a mileage difference, and leaves a recovery with nothing to take it from', async () => {
    const tenant = `ik-tick-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
    await putYear(tenant, 'emma', SCALE_RAISE);
    await putYear(tenant, 'noah', [{ noteId: 'lowered', paid: '50.00', due: '45.00' }]);
    await running.handle({ kind: 'tick' });
    const batches = await batchesOf(tenant);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ status: 'batched', transfers: 1, controlSum: eur('28.00') });
    expect(batches[0]!.lines.map((line) => line.employee)).toEqual(['emma']);
    expect(await yearOf(tenant, 'emma')).toMatchObject({ adjustmentDue: 'none' });
    expect(await yearOf(tenant, 'noah')).toMatchObject({
      adjustmentDue: 'recover',
      adjustment: { total: eur('-5.00') },
      regularisations: [],
    });
  });
});
