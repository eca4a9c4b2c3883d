import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { batchControlKey, noteKey, payableKey, tenantScope, type NoteItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readNoteHistory } from '@ndf/note-workflow';
import { validatePain001 } from '@ndf/sepa-transfer';
import { readItem, startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchOnDemand, confirmBatchPaid, runTenantBatch, type BatcherDependencies, type StepRunner } from '@ndf/reimbursement-batches';
import {
  approveNote,
  eur,
  policy,
  putAdvance,
  writePaymentSettings,
  stackBatcherDependencies,
  testCall,
  testRunner,
} from '@ndf/reimbursement-batches/testing';
import { service } from '../src/service.js';

let stack: SharedStack;
let running: ServiceUnderTest;
const signal = new AbortController().signal;
const table = () => tableName(stack.config.prefix, 'notes');
const call = testCall(signal);
const runner = (options: Partial<StepRunner> = {}): StepRunner => testRunner(signal, options);
// The batch day is the 5th: on 5 April at 08:00, the notes approved in March are due.
const NOW = new Date('2026-04-05T08:00:00.000Z');
const WINDOW = { cutoff: '2026-04-05T00:00:00.000Z', period: '2026-04' };
const APPROVED_IN_MARCH = new Date('2026-03-20T09:00:00.000Z');
const dependencies = (now = NOW): BatcherDependencies => stackBatcherDependencies(stack, now);
const item = (key: { pk: string; sk: string }) => readItem(stack.clients.dynamodb, table(), key);

beforeAll(async () => {
  stack = await useSharedStack('reimbursement-batcher-', { ...catalog, services: [service.entry] });
  running = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

/**
 * Three employees' approved March notes, worked by hand:
 *   emma: meal 22.00 + train 66.00 + hotel 110.00 on the company card (0) = 88.00
 *   hugo: train 210.00 capped by the policy at 150.00 + 120 km at 0.636 = 76.32 → 226.32
 *   noah: dinner 85.00 USD at 1.0850 = 78.34 EUR + taxi 27.50 = 105.84, less his 50.00 advance = 55.84
 *   control sum 88.00 + 226.32 + 55.84 = 370.16, 3 transfers, 7 notes.
 */
async function threeEmployees(tenant: string): Promise<{ notes: string[]; advanceId: string }> {
  await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 5);
  const approve = (note: Parameters<typeof approveNote>[3]) =>
    approveNote(stack.clients.dynamodb, table(), tenant, note, APPROVED_IN_MARCH);
  const notes = [
    await approve({
      owner: 'emma',
      input: { amount: eur('22.00'), paymentMethod: 'personal_card' },
      stages: { 'policy-checker': policy('22.00') },
    }),
    await approve({
      owner: 'emma',
      input: { amount: eur('66.00'), paymentMethod: 'personal_card' },
      stages: { 'policy-checker': policy('66.00') },
    }),
    await approve({
      owner: 'emma',
      input: { amount: eur('110.00'), paymentMethod: 'company_card' },
      stages: { 'policy-checker': policy('110.00') },
    }),
    await approve({
      owner: 'hugo',
      input: { amount: eur('210.00'), paymentMethod: 'personal_card' },
      stages: { 'policy-checker': policy('210.00', '150.00') },
    }),
    await approve({
      owner: 'hugo',
      input: { amount: eur('76.32'), paymentMethod: 'other', mileage: { km: '120', fiscalPower: 5, vehicle: 'car' } },
      stages: { 'policy-checker': policy('76.32'), 'mileage-calculator': { kind: 'allowance', allowance: eur('76.32') } },
    }),
    await approve({
      owner: 'noah',
      input: { amount: { value: '85.00', currency: 'USD' }, paymentMethod: 'personal_card' },
      stages: {
        'policy-checker': { ...policy('78.34'), amountFrom: 'currency-converter' },
        'currency-converter': {
          kind: 'converted',
          original: { value: '85.00', currency: 'USD' },
          converted: eur('78.34'),
          rate: '1.0850',
          rateDate: '2026-03-12',
        },
      },
    }),
    await approve({ owner: 'noah', input: { amount: eur('27.50'), paymentMethod: 'cash' }, stages: { 'policy-checker': policy('27.50') } }),
  ];
  const advance = await putAdvance(stack.clients.dynamodb, table(), tenant, 'noah', '50.00');
  return { notes, advanceId: advance.advanceId };
}

async function batchItems(tenant: string): Promise<Record<string, unknown>[]> {
  const answer = await stack.clients.dynamodb.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :b)',
      ExpressionAttributeValues: marshall({ ':pk': batchControlKey(tenantScope({ tenant, user: 'x', roles: [] })).pk, ':b': 'B#' }),
      ConsistentRead: true,
    }),
  );
  return (answer.Items ?? []).map((raw) => unmarshall(raw));
}

async function fileOf(fileKey: string): Promise<string> {
  const object = await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucketName(stack.config.prefix, 'exports'), Key: fileKey }));
  return object.Body!.transformToString();
}

/** Each note's status, batch and the batch transitions its history holds. */
async function notesState(tenant: string, noteIds: readonly string[]) {
  const scope = tenantScope({ tenant, user: 'x', roles: [] });
  return Promise.all(
    noteIds.map(async (noteId) => {
      const { note, history } = await readNoteHistory(stack.clients.dynamodb, table(), scope, noteId, signal);
      return {
        status: (note as NoteItem).status,
        batchId: (note as NoteItem).batchId,
        batchTransitions: history.filter((entry) => entry.action === 'batch').length,
        payable: (await item(payableKey(scope, noteId))) !== undefined,
      };
    }),
  );
}

describe('reimbursement-batcher on the local stack', () => {
  it('batches three employees with an advance into an XSD-valid SEPA file whose control sum is the hand-checked one, and a repeat makes nothing', async () => {
    const tenant = `acme-${randomUUID().slice(0, 8)}`;
    const { notes, advanceId } = await threeEmployees(tenant);

    const run = await runTenantBatch(tenant, WINDOW, runner(), dependencies());
    expect(run.outcome).toBe('batched');
    const batch = run.outcome === 'batched' ? run.batch : undefined;
    expect(batch).toMatchObject({ batchId: '2026-04-1', status: 'batched', transfers: 3, controlSum: eur('370.16') });
    expect(
      batch!.lines.map(({ employee, gross, net, advances }) => ({
        employee,
        gross: gross.value,
        net: net.value,
        advances: advances.length,
      })),
    ).toEqual([
      { employee: 'emma', gross: '88.00', net: '88.00', advances: 0 },
      { employee: 'hugo', gross: '226.32', net: '226.32', advances: 0 },
      { employee: 'noah', gross: '105.84', net: '55.84', advances: 1 },
    ]);

    const xml = await fileOf(batch!.fileKey!);
    expect(await validatePain001(xml)).toEqual({ valid: true, errors: [] });
    expect(xml.match(/<NbOfTxs>3<\/NbOfTxs>/g)).toHaveLength(2);
    expect(xml.match(/<CtrlSum>370\.16<\/CtrlSum>/g)).toHaveLength(2);
    expect(xml).toContain('<InstdAmt Ccy="EUR">55.84</InstdAmt>');
    expect(xml).toContain('<EndToEndId>2026-04-1-3</EndToEndId>');
    expect(xml).toContain(`<MsgId>${batch!.messageId}</MsgId>`);
    expect(batch!.messageId).toMatch(/^NDF-[0-9a-f]{10}-2026-04-1$/);

    // Every note, the card-paid hotel too, is batched once and out of the index of notes to pay.
    expect(await notesState(tenant, notes)).toEqual(
      notes.map(() => ({ status: 'batched', batchId: '2026-04-1', batchTransitions: 1, payable: false })),
    );
    const scope = tenantScope({ tenant, user: 'x', roles: [] });
    expect(await item({ pk: `T#${tenant}#ADVANCES`, sk: `U#noah#${advanceId}` })).toMatchObject({
      remaining: eur('0.00'),
      deductions: [{ batchId: '2026-04-1', amount: eur('50.00') }],
      takenBy: ['2026-04-1'],
    });
    expect(await item(batchControlKey(scope))).toMatchObject({ batches: 1 });
    expect(await item(batchControlKey(scope))).not.toHaveProperty('openBatchId');

    // A repeat with nothing new: no batch, by the function or by the service's tick.
    expect(await runTenantBatch(tenant, WINDOW, runner(), dependencies())).toEqual({ outcome: 'nothing', left: [] });
    await running.handle({ kind: 'tick' });
    expect(await batchItems(tenant)).toHaveLength(1);
    expect(await item(batchControlKey(scope))).toMatchObject({ batches: 1 });
  });

  it('a run killed between the BATCH item and the transitions is finished by the next ticks: one batch, each note and the advance taken once', async () => {
    const tenant = `kill-${randomUUID().slice(0, 8)}`;
    const { notes, advanceId } = await threeEmployees(tenant);
    const scope = tenantScope({ tenant, user: 'x', roles: [] });

    // Killed right after the BATCH item: nothing else done.
    const created = await runTenantBatch(tenant, WINDOW, runner({ stopAfter: 'create' }), dependencies());
    expect(created).toMatchObject({ outcome: 'batched', batch: { status: 'open' } });
    // The next run finds it open and goes on: its advances taken, then killed again (twice at the same step: the status had not moved).
    expect(await runTenantBatch(tenant, WINDOW, runner({ stopAfter: 'advances' }), dependencies())).toMatchObject({ outcome: 'resumed' });
    expect(await runTenantBatch(tenant, WINDOW, runner({ stopAfter: 'advances' }), dependencies())).toMatchObject({ outcome: 'resumed' });
    // Then its file, and killed after moving two of its seven notes.
    expect(await runTenantBatch(tenant, WINDOW, runner({ maxTransitions: 2 }), dependencies())).toMatchObject({
      outcome: 'resumed',
      batch: { status: 'filed' },
    });
    expect((await notesState(tenant, notes)).filter((note) => note.status === 'batched')).toHaveLength(2);

    // The service's next tick finishes it from the open batches' index.
    await running.handle({ kind: 'tick' });
    const batches = await batchItems(tenant);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ batchId: '2026-04-1', status: 'batched', controlSum: eur('370.16') });
    expect(batches[0]).not.toHaveProperty('gsi1pk');
    expect(await notesState(tenant, notes)).toEqual(
      notes.map(() => ({ status: 'batched', batchId: '2026-04-1', batchTransitions: 1, payable: false })),
    );
    expect(await item({ pk: `T#${tenant}#ADVANCES`, sk: `U#noah#${advanceId}` })).toMatchObject({
      remaining: eur('0.00'),
      deductions: [{ batchId: '2026-04-1', amount: eur('50.00') }],
    });
    const files = await stack.clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucketName(stack.config.prefix, 'exports'), Prefix: `tenants/${tenant}/` }),
    );
    expect(files.Contents?.map((object) => object.Key)).toEqual([`tenants/${tenant}/reimbursements/2026-04-1/pain.001.001.03.xml`]);
    expect(await validatePain001(await fileOf(batches[0]!.fileKey as string))).toMatchObject({ valid: true });

    // And another tick: nothing more.
    await running.handle({ kind: 'tick' });
    expect(await batchItems(tenant)).toHaveLength(1);
    expect(await item(batchControlKey(scope))).toMatchObject({ batches: 1 });
  });

  it('dates the SEPA file of a batch created on one day and finished three days later from the day it is written, never in the past', async () => {
    const tenant = `late-${randomUUID().slice(0, 8)}`;
    await threeEmployees(tenant);
    // Created on Sunday 5 April (Easter), then the batcher is down until Wednesday 8 April.
    const created = await runTenantBatch(tenant, WINDOW, runner({ stopAfter: 'create' }), dependencies());
    expect(created).toMatchObject({ outcome: 'batched', batch: { status: 'open', createdAt: NOW.toISOString() } });
    const threeDaysLater = new Date('2026-04-08T10:00:00.000Z');
    const resumed = await runTenantBatch(tenant, WINDOW, runner(), dependencies(threeDaysLater));
    expect(resumed).toMatchObject({ outcome: 'resumed', batch: { status: 'batched', executionDate: '2026-04-09' } });

    const [stored] = await batchItems(tenant);
    expect(stored).toMatchObject({ createdAt: NOW.toISOString(), executionDate: '2026-04-09' });
    const xml = await fileOf(stored!.fileKey as string);
    expect(xml).toContain('<ReqdExctnDt>2026-04-09</ReqdExctnDt>');
    expect(await validatePain001(xml)).toMatchObject({ valid: true });
  });

  it('two runs at once for the same tenant make one batch: the loser finishes the batch it finds open (an on-demand request retried after its deadline), or finds nothing left', async () => {
    const tenant = `race-${randomUUID().slice(0, 8)}`;
    const { notes } = await threeEmployees(tenant);
    const runs = await Promise.all([1, 2].map(() => runTenantBatch(tenant, WINDOW, runner(), dependencies())));
    expect(runs.filter((run) => run.outcome === 'batched')).toHaveLength(1);
    const loser = runs.find((run) => run.outcome !== 'batched')!;
    if (loser.outcome === 'resumed') expect(loser.batch).toMatchObject({ batchId: '2026-04-1', status: 'batched' });
    else expect(loser).toEqual({ outcome: 'nothing', left: [] });
    expect(await batchItems(tenant)).toHaveLength(1);
    expect(await notesState(tenant, notes)).toEqual(
      notes.map(() => ({ status: 'batched', batchId: '2026-04-1', batchTransitions: 1, payable: false })),
    );
  });

  it("pays a batch on the accountant's confirmation, once; an employee may not, and nobody pays their own note", async () => {
    const tenant = `pay-${randomUUID().slice(0, 8)}`;
    const { notes } = await threeEmployees(tenant);
    await runTenantBatch(tenant, WINDOW, runner(), dependencies());
    const accountant = tenantScope({ tenant, user: 'erin', roles: ['accountant'] });

    expect(
      await confirmBatchPaid(tenantScope({ tenant, user: 'emma', roles: ['employee'] }), '2026-04-1', call, dependencies(), signal),
    ).toMatchObject({
      outcome: 'forbidden',
    });
    expect(await confirmBatchPaid(accountant, 'nope', call, dependencies(), signal)).toEqual({ outcome: 'not_found' });
    // hugo is also an accountant: his own two notes refuse him, the others are paid.
    const hugo = tenantScope({ tenant, user: 'hugo', roles: ['employee', 'accountant'] });
    expect(await confirmBatchPaid(hugo, '2026-04-1', call, dependencies(), signal)).toMatchObject({
      outcome: 'partly',
      paid: 5,
      refused: [{ code: 'own_note' }, { code: 'own_note' }],
    });

    const paid = await confirmBatchPaid(accountant, '2026-04-1', call, dependencies(), signal);
    expect(paid).toMatchObject({ outcome: 'paid', notes: 7, batch: { status: 'paid', paidBy: 'erin', paidAt: NOW.toISOString() } });
    expect(await confirmBatchPaid(accountant, '2026-04-1', call, dependencies(), signal)).toMatchObject({ outcome: 'paid', notes: 7 });
    const scope = tenantScope({ tenant, user: 'x', roles: [] });
    for (const noteId of notes) {
      const { history } = await readNoteHistory(stack.clients.dynamodb, table(), scope, noteId, signal);
      expect(history.filter((entry) => entry.action === 'pay')).toHaveLength(1);
      expect(await item(noteKey(scope, noteId))).toMatchObject({ status: 'paid' });
    }
  });

  it("leaves an on-demand tenant's notes to the accountant's request, which batches every note approved until then", async () => {
    const tenant = `ondemand-${randomUUID().slice(0, 8)}`;
    await writePaymentSettings(stack.clients.dynamodb, table(), tenant, 'on_demand');
    const noteId = await approveNote(
      stack.clients.dynamodb,
      table(),
      tenant,
      { owner: 'emma', input: { amount: eur('22.00'), paymentMethod: 'personal_card' }, stages: { 'policy-checker': policy('22.00') } },
      APPROVED_IN_MARCH,
    );
    await running.handle({ kind: 'tick' });
    expect(await batchItems(tenant)).toEqual([]);

    expect(await batchOnDemand(tenantScope({ tenant, user: 'emma', roles: ['employee'] }), call, dependencies(), signal)).toMatchObject({
      outcome: 'forbidden',
    });
    const run = await batchOnDemand(tenantScope({ tenant, user: 'erin', roles: ['accountant'] }), call, dependencies(), signal);
    expect(run).toMatchObject({
      outcome: 'batched',
      batch: { batchId: '2026-04-1', status: 'batched', transfers: 1, controlSum: eur('22.00') },
    });
    expect(await notesState(tenant, [noteId])).toEqual([{ status: 'batched', batchId: '2026-04-1', batchTransitions: 1, payable: false }]);
  });
});
