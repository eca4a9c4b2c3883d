import { randomUUID } from 'node:crypto';
import type { Advance, AdvanceList, Batch, BatchFile, BatchPage, NoteItem, Problem } from '@ndf/contracts';
import { tenantScope } from '@ndf/contracts';
import { readNoteHistory } from '@ndf/note-workflow';
import { batchOnDemand, type Call } from '@ndf/reimbursement-batches';
import { approveNote, eur, policy, putMileageYear, writePaymentSettings, type ApprovedNote } from '@ndf/reimbursement-batches/testing';
import { validatePain001 } from '@ndf/sepa-transfer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

// The emulator's tables outlive a run: each run's tenants are its own.
const run = randomUUID().slice(0, 8);
const tenantOf = (name: string) => `${name}-${run}`;
const APPROVED_IN_MARCH = new Date('2026-03-20T09:00:00.000Z');

let expense: ExpenseUnderTest;

beforeAll(async () => {
  expense = await startExpense('expense-batches-');
});
afterAll(async () => expense?.stop());

const tokenOf = (tenant: string, user: string, role: 'accountant' | 'admin' | 'employee') => expense.token({ tenant, user, roles: [role] });
const accountant = (tenant: string) => tokenOf(tenant, 'fanny', 'accountant');

async function approved(tenant: string, notes: readonly ApprovedNote[]): Promise<string[]> {
  const ids: string[] = [];
  for (const note of notes)
    ids.push(await approveNote(expense.stack.clients.dynamodb, expense.config.tableName, tenant, note, APPROVED_IN_MARCH));
  return ids;
}
const paidBack = (owner: string, amount: string): ApprovedNote => ({
  owner,
  input: { amount: eur(amount), paymentMethod: 'personal_card' },
  stages: { 'policy-checker': policy(amount) },
});

async function makeBatch(tenant: string, key = randomUUID(), token?: string) {
  const answer = await expense.call('POST', '/v1/batches', '/v1/batches', {
    token: token ?? (await accountant(tenant)),
    headers: { 'idempotency-key': key },
  });
  return { status: answer.status, body: answer.body as Batch & Pick<Problem, 'code' | 'detail'> };
}

async function confirmPaid(tenant: string, batchId: string, token: string, key = randomUUID()) {
  const answer = await expense.call('POST', '/v1/batches/{batchId}/paid', `/v1/batches/${batchId}/paid`, {
    token,
    headers: { 'idempotency-key': key },
  });
  return { status: answer.status, body: answer.body as Batch & Pick<Problem, 'code' | 'detail'> };
}

async function statuses(tenant: string, noteIds: readonly string[]) {
  const scope = tenantScope({ tenant, user: 'x', roles: [] });
  return Promise.all(
    noteIds.map(async (noteId) => {
      const { note, history } = await readNoteHistory(
        expense.stack.clients.dynamodb,
        expense.config.tableName,
        scope,
        noteId,
        AbortSignal.timeout(5_000),
      );
      return { status: (note as NoteItem).status, payments: history.filter((entry) => entry.action === 'pay').length };
    }),
  );
}

describe('POST /v1/batches, then the file and the payment', () => {
  it('batches the approved notes, serves an XSD-valid file, and pays the batch once', async () => {
    const tenant = tenantOf('batch');
    await writePaymentSettings(expense.stack.clients.dynamodb, expense.config.tableName, tenant, 'on_demand');
    // emma 22.00 + 66.00 = 88.00; hugo 210.00 capped at 150.00: control sum 238.00 in 2 transfers.
    const notes = await approved(tenant, [
      paidBack('emma', '22.00'),
      paidBack('emma', '66.00'),
      {
        owner: 'hugo',
        input: { amount: eur('210.00'), paymentMethod: 'personal_card' },
        stages: { 'policy-checker': policy('210.00', '150.00') },
      },
    ]);
    const key = randomUUID();
    const made = await makeBatch(tenant, key);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'batched', transfers: 2, controlSum: eur('238.00'), hasFile: true });
    expect(made.body.employees.map((line) => [line.employee, line.net.value, line.notes.length])).toEqual([
      ['emma', '88.00', 2],
      ['hugo', '150.00', 1],
    ]);
    expect(await statuses(tenant, notes)).toEqual(notes.map(() => ({ status: 'batched', payments: 0 })));

    // The same key again: the same batch, no second one.
    const replay = await makeBatch(tenant, key);
    expect(replay).toEqual({ status: 200, body: made.body });
    const list = await expense.call('GET', '/v1/batches', '/v1/batches', { token: await accountant(tenant) });
    expect((list.body as BatchPage).items.map((batch) => batch.batchId)).toEqual([made.body.batchId]);
    const one = await expense.call('GET', '/v1/batches/{batchId}', `/v1/batches/${made.body.batchId}`, { token: await accountant(tenant) });
    expect(one.body).toEqual(made.body);

    const file = await expense.call('GET', '/v1/batches/{batchId}/file', `/v1/batches/${made.body.batchId}/file`, {
      token: await accountant(tenant),
    });
    expect(file.status).toBe(200);
    const download = await fetch((file.body as BatchFile).url);
    expect(download.status).toBe(200);
    const xml = await download.text();
    expect(await validatePain001(xml)).toMatchObject({ valid: true });
    expect(xml).toContain('<CtrlSum>238.00</CtrlSum>');

    const paid = await confirmPaid(tenant, made.body.batchId, await accountant(tenant));
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paidBy: 'fanny' });
    const again = await confirmPaid(tenant, made.body.batchId, await accountant(tenant));
    expect(again).toEqual(paid);
    expect(await statuses(tenant, notes)).toEqual(notes.map(() => ({ status: 'paid', payments: 1 })));
  });

  it('answers the replay of a request cut off right after its batch was made with that batch, finished: never nothing_to_batch', async () => {
    const batcher = {
      dynamodb: expense.stack.clients.dynamodb,
      s3: expense.stack.clients.s3,
      notesTable: expense.config.tableName,
      exportsBucket: expense.config.exportsBucket,
      now: () => new Date(),
    };
    const call: Call = (_dependency, fn) => fn(AbortSignal.timeout(10_000));
    // Replayed while the batch is still open, once its file is written (filed, its notes not moved yet), and after the batcher's tick finished it.
    for (const [cutAfter, finishedFirst] of [
      ['create', false],
      ['file', false],
      ['create', true],
    ] as const) {
      const tenant = tenantOf(`cut-off-${cutAfter}-${finishedFirst}`);
      const scope = tenantScope({ tenant, user: 'fanny', roles: ['accountant'] });
      await writePaymentSettings(expense.stack.clients.dynamodb, expense.config.tableName, tenant, 'on_demand');
      const notes = await approved(tenant, [paidBack('emma', '40.00'), paidBack('hugo', '12.50')]);
      const key = randomUUID();
      // As the API's Lambda runs it, stopped once the batch is written (its deadline, a crash): nothing answered the accountant.
      const cut = await batchOnDemand(scope, call, batcher, AbortSignal.timeout(10_000), key, { stopAfter: cutAfter });
      expect(cut).toMatchObject({ outcome: 'batched', batch: { status: cutAfter === 'create' ? 'open' : 'filed' } });
      if (finishedFirst)
        expect(await batchOnDemand(scope, call, batcher, AbortSignal.timeout(10_000))).toMatchObject({ outcome: 'resumed' });
      const replay = await makeBatch(tenant, key);
      expect([cutAfter, finishedFirst, replay.status]).toEqual([cutAfter, finishedFirst, 200]);
      expect(replay.body).toMatchObject({ status: 'batched', transfers: 2, controlSum: eur('52.50'), hasFile: true });
      expect(await statuses(tenant, notes)).toEqual(notes.map(() => ({ status: 'batched', payments: 0 })));
      // Another request then finds nothing left to pay.
      expect((await makeBatch(tenant)).body.code).toBe('nothing_to_batch');
    }
  });

  it('refuses an employee (403) and an accountant paying a batch that holds their own note (403, nothing paid)', async () => {
    const tenant = tenantOf('own');
    await writePaymentSettings(expense.stack.clients.dynamodb, expense.config.tableName, tenant, 'on_demand');
    const notes = await approved(tenant, [paidBack('emma', '40.00'), paidBack('noah', '12.00')]);
    const byEmployee = await makeBatch(tenant, randomUUID(), await tokenOf(tenant, 'emma', 'employee'));
    expect(byEmployee.status).toBe(403);
    const listed = await expense.call('GET', '/v1/batches', '/v1/batches', { token: await tokenOf(tenant, 'emma', 'employee') });
    expect(listed.status).toBe(403);

    const made = await makeBatch(tenant);
    expect(made.status).toBe(201);
    const ownNote = await confirmPaid(tenant, made.body.batchId, await tokenOf(tenant, 'emma', 'accountant'));
    expect(ownNote.status).toBe(403);
    expect(ownNote.body.detail).toMatch(/their own note/);
    expect(await statuses(tenant, notes)).toEqual(notes.map(() => ({ status: 'batched', payments: 0 })));
    const byEmployeePaid = await confirmPaid(tenant, made.body.batchId, await tokenOf(tenant, 'hugo', 'employee'));
    expect(byEmployeePaid.status).toBe(403);
  });

  it("names each employee's mileage regularisation in the batch, paid or recovered, with its notes", async () => {
    const tenant = tenantOf('mileage');
    const { dynamodb } = expense.stack.clients;
    await writePaymentSettings(dynamodb, expense.config.tableName, tenant, 'on_demand');
    // emma: 22.00 + 66.00 = 88.00, less 40.00 to recover (a trip paid 300.00 corrected to 260.00): 48.00.
    // hugo: no note, 28.00 to pay (a new scale: 763.20 now 780.00, 508.80 now 520.00). Control sum 76.00.
    await approved(tenant, [paidBack('emma', '22.00'), paidBack('emma', '66.00')]);
    const trips = [randomUUID(), randomUUID(), randomUUID()].sort();
    await putMileageYear(dynamodb, expense.config.tableName, tenant, 'emma', 2026, [{ noteId: trips[0]!, paid: '300.00', due: '260.00' }]);
    await putMileageYear(dynamodb, expense.config.tableName, tenant, 'hugo', 2026, [
      { noteId: trips[1]!, paid: '763.20', due: '780.00' },
      { noteId: trips[2]!, paid: '508.80', due: '520.00' },
    ]);
    const made = await makeBatch(tenant);
    expect(made.status).toBe(201);
    const shown = await expense.call('GET', '/v1/batches/{batchId}', `/v1/batches/${made.body.batchId}`, {
      token: await accountant(tenant),
    });
    const batch = shown.body as Batch;
    expect(batch).toMatchObject({ transfers: 2, controlSum: eur('76.00') });
    expect(batch.employees.map(({ employee, mileage, gross, net }) => ({ employee, mileage, gross, net }))).toEqual([
      {
        employee: 'emma',
        mileage: [{ year: 2026, amount: eur('-40.00'), lines: [{ noteId: trips[0]!, amount: eur('-40.00') }] }],
        gross: eur('48.00'),
        net: eur('48.00'),
      },
      {
        employee: 'hugo',
        mileage: [
          {
            year: 2026,
            amount: eur('28.00'),
            lines: [
              { noteId: trips[1]!, amount: eur('16.80') },
              { noteId: trips[2]!, amount: eur('11.20') },
            ],
          },
        ],
        gross: eur('28.00'),
        net: eur('28.00'),
      },
    ]);
  });

  it('answers 409 nothing_to_batch when no approved note waits, and 404 for a batch of another tenant', async () => {
    const tenant = tenantOf('empty');
    await writePaymentSettings(expense.stack.clients.dynamodb, expense.config.tableName, tenant, 'on_demand');
    const nothing = await makeBatch(tenant);
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('nothing_to_batch');
    const elsewhere = await expense.call('GET', '/v1/batches/{batchId}', '/v1/batches/2026-03-1', { token: await accountant(tenant) });
    expect(elsewhere.status).toBe(404);
  });
});

describe('POST /v1/advances', () => {
  const advance = (tenant: string, body: unknown, key = randomUUID(), role: 'accountant' | 'employee' = 'accountant') =>
    tokenOf(tenant, 'fanny', role).then((token) =>
      expense.call('POST', '/v1/advances', '/v1/advances', { token, body, headers: { 'idempotency-key': key } }),
    );

  it('records an advance once per key, which the next batch deducts', async () => {
    const tenant = tenantOf('advance');
    await writePaymentSettings(expense.stack.clients.dynamodb, expense.config.tableName, tenant, 'on_demand');
    const body = { employee: 'noah', amount: eur('50.00'), date: '2026-02-27', reason: 'Trip to Lyon' };
    const key = randomUUID();
    const first = await advance(tenant, body, key);
    expect(first.status).toBe(201);
    const recorded = first.body as Advance;
    expect(recorded).toMatchObject({
      employee: 'noah',
      amount: eur('50.00'),
      remaining: eur('50.00'),
      recordedBy: 'fanny',
      deductions: [],
    });
    expect(await advance(tenant, body, key)).toMatchObject({ status: 201, body: recorded });
    const conflict = await advance(tenant, { ...body, amount: eur('60.00') }, key);
    expect(conflict.status).toBe(409);
    expect((conflict.body as Problem).code).toBe('idempotency_conflict');
    expect((await advance(tenant, body, randomUUID(), 'employee')).status).toBe(403);

    // noah: 85.00 + 27.50 = 112.50, less the 50.00 advance = 62.50.
    await approved(tenant, [paidBack('noah', '85.00'), paidBack('noah', '27.50')]);
    const batch = await makeBatch(tenant);
    expect(batch.status).toBe(201);
    expect(batch.body.employees).toEqual([
      expect.objectContaining({
        employee: 'noah',
        gross: eur('112.50'),
        advances: [{ advanceId: recorded.advanceId, amount: eur('50.00'), remainingAfter: eur('0.00') }],
        net: eur('62.50'),
      }),
    ]);
    const listed = await expense.call('GET', '/v1/advances', '/v1/advances?employee=noah', { token: await accountant(tenant) });
    expect((listed.body as AdvanceList).items).toEqual([
      { ...recorded, remaining: eur('0.00'), deductions: [{ batchId: batch.body.batchId, amount: eur('50.00') }] },
    ]);
  });

  it('refuses a bad advance naming the field', async () => {
    const tenant = tenantOf('advance-bad');
    const missing = await advance(tenant, { employee: 'noah', amount: eur('50.00'), date: '2026-02-27' });
    expect(missing.status).toBe(400);
    expect((missing.body as Problem).errors?.map((error) => error.field)).toEqual(['/reason']);
    const dollars = await advance(tenant, {
      employee: 'noah',
      amount: { value: '50.00', currency: 'USD' },
      date: '2026-02-27',
      reason: 'x',
    });
    expect((dollars.body as Problem).errors?.map((error) => error.field)).toEqual(['/amount/currency']);
  });
});
