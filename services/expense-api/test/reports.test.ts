import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  listingSortKey,
  ownerListing,
  tenantScope,
  VAT_CALCULATOR,
  type Money,
  type MonthlyReport,
  type MonthlyTotals,
  type NoteStatus,
  type PaymentMethod,
  type Problem,
} from '@ndf/contracts';
import { writeNoteStage } from '@ndf/receipt-pipeline';
import { DEFAULT_APPROVER_SETTINGS, writeSettings } from '@ndf/tenant-settings';
import { testNoteItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

// The emulator's tables outlive a run: each run's tenant is its own.
const tenant = `acme-${randomUUID().slice(0, 8)}`;
const signal = new AbortController().signal;
let expense: ExpenseUnderTest;

const eur = (value: string): Money => ({ value, currency: 'EUR' });

interface MonthNote {
  readonly owner: string;
  readonly date: string;
  readonly amount: Money;
  readonly category: string;
  /** Where the workflow took it: each step a real transition of @ndf/note-workflow. */
  readonly status: NoteStatus;
  readonly paymentMethod?: PaymentMethod;
  /** The policy-checker's allowed amount, written for the submitted version (absent: no stage yet). */
  readonly allowed?: Money;
  /** The vat-calculator's recoverable VAT; `stale` written for the draft's version, before the submission. */
  readonly recoverable?: Money;
  readonly staleVat?: true;
  readonly approvedAmount?: Money;
}

const STEPS: Partial<Record<NoteStatus, readonly string[]>> = {
  received: [],
  submitted: ['submit'],
  awaiting_approval: ['submit', 'route'],
  approved: ['submit', 'route', 'approve'],
  rejected: ['submit', 'route', 'reject'],
};

/** A note as the ingest API writes it (with its listing index), moved along the workflow, with the stages its services write. */
async function putMonthNote(note: MonthNote): Promise<string> {
  const noteId = randomUUID();
  const owner = tenantScope({ tenant, user: note.owner, roles: ['employee'] });
  const item = testNoteItem(tenant, noteId, {
    owner: note.owner,
    date: note.date,
    amount: note.amount,
    category: note.category,
    ...(note.paymentMethod ? { paymentMethod: note.paymentMethod } : {}),
    gsi1pk: ownerListing(owner),
    gsi1sk: listingSortKey(note.date, noteId),
  });
  await expense.stack.clients.dynamodb.send(new PutItemCommand({ TableName: expense.config.tableName, Item: marshall(item) }));
  const stage = (service: string, version: number, outcome: Record<string, unknown>) =>
    writeNoteStage(
      expense.stack.clients.dynamodb,
      expense.config.tableName,
      owner,
      service,
      { noteId, version },
      { status: 'succeeded', outcome },
      signal,
    );
  if (note.staleVat) await stage(VAT_CALCULATOR, 1, { recoverable: note.recoverable ?? eur('1.00') });
  for (const step of STEPS[note.status]!) {
    if (step === 'submit') await expense.transition(noteId, { action: 'submit', actor: { user: note.owner, roles: ['employee'] } }, tenant);
    if (step === 'route')
      await expense.transition(noteId, { action: 'route', to: 'awaiting_approval', actor: { service: 'approval-workflow' } }, tenant);
    if (step === 'approve')
      await expense.transition(
        noteId,
        {
          action: 'approve',
          to: 'approved',
          expectedVersion: 3,
          actor: { user: 'victor', roles: ['approver'] },
          ...(note.approvedAmount ? { fields: { approvedAmount: note.approvedAmount }, reason: 'Part of it only.' } : {}),
        },
        tenant,
      );
    if (step === 'reject')
      await expense.transition(
        noteId,
        { action: 'reject', expectedVersion: 3, actor: { user: 'victor', roles: ['approver'] }, reason: 'No.' },
        tenant,
      );
  }
  // The checks run on the submitted version (2).
  if (note.allowed)
    await stage('policy-checker', 2, {
      blocking: false,
      violations: [],
      amounts: { claimed: note.amount, allowed: note.allowed, refused: note.amount },
      amountFrom: 'note',
      policyVersion: 0,
    });
  if (note.recoverable && !note.staleVat)
    await stage(VAT_CALCULATOR, 2, { source: 'receipts', receiptIds: [], category: note.category, recoverable: note.recoverable });
  return noteId;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  expense = await startExpense('expense-reports-');
  const admin = tenantScope({ tenant, user: 'ada', roles: ['admin'] });
  // The tenant's employees: emma and felix in a team, gina a payee only.
  await writeSettings(
    expense.stack.clients.dynamodb,
    expense.config.tableName,
    admin,
    'APPROVERS',
    { ...DEFAULT_APPROVER_SETTINGS, teams: [{ name: 'sales', members: ['emma', 'felix'] }] },
    0,
    signal,
  );
  await writeSettings(
    expense.stack.clients.dynamodb,
    expense.config.tableName,
    admin,
    'PAYEES',
    { payees: [{ employee: 'gina', name: 'Gina Rossi', iban: 'FR7630006000011234567890189' }] },
    0,
    signal,
  );
  const notes: Record<string, MonthNote> = {
    emmaMeal: {
      owner: 'emma',
      date: '2026-03-03',
      amount: eur('48.60'),
      category: 'meals',
      status: 'approved',
      allowed: eur('48.60'),
      recoverable: eur('4.42'),
    },
    emmaHotel: {
      owner: 'emma',
      date: '2026-03-10',
      amount: eur('152.30'),
      category: 'hotel',
      status: 'approved',
      allowed: eur('120.00'),
      recoverable: eur('0.00'),
    },
    emmaDraft: { owner: 'emma', date: '2026-03-15', amount: eur('20.00'), category: 'meals', status: 'received' },
    emmaTrain: {
      owner: 'emma',
      date: '2026-03-31',
      amount: eur('87.00'),
      category: 'train',
      status: 'submitted',
      paymentMethod: 'company_card',
      recoverable: eur('0.00'),
    },
    emmaApril: { owner: 'emma', date: '2026-04-01', amount: eur('99.00'), category: 'meals', status: 'approved', allowed: eur('99.00') },
    felixFuel: {
      owner: 'felix',
      date: '2026-03-05',
      amount: eur('70.00'),
      category: 'fuel',
      status: 'approved',
      allowed: eur('70.00'),
      recoverable: eur('9.33'),
      approvedAmount: eur('60.00'),
    },
    felixTaxi: {
      owner: 'felix',
      date: '2026-03-20',
      amount: eur('35.50'),
      category: 'taxi',
      status: 'awaiting_approval',
      recoverable: eur('3.23'),
      staleVat: true,
    },
    ginaMeal: {
      owner: 'gina',
      date: '2026-03-12',
      amount: eur('25.00'),
      category: 'meals',
      status: 'approved',
      allowed: eur('25.00'),
      recoverable: eur('2.27'),
    },
    ginaRejected: {
      owner: 'gina',
      date: '2026-03-18',
      amount: eur('300.00'),
      category: 'hotel',
      status: 'rejected',
      allowed: eur('300.00'),
    },
    ginaDinner: {
      owner: 'gina',
      date: '2026-03-25',
      amount: { value: '85.00', currency: 'USD' },
      category: 'meals',
      status: 'approved',
      recoverable: { value: '0.00', currency: 'USD' },
    },
  };
  for (const [name, note] of Object.entries(notes)) ids[name] = await putMonthNote(note);
}, 60_000);
afterAll(async () => expense?.stop());

async function report(query: string, user: string, roles: string[]) {
  const answer = await expense.call('GET', '/v1/reports/monthly', `/v1/reports/monthly${query}`, {
    token: await expense.token({ tenant, user, roles }),
  });
  return { status: answer.status, body: answer.body as MonthlyReport & Problem };
}

async function totals(query: string, user: string, roles: string[]) {
  const answer = await expense.call('GET', '/v1/reports/monthly/totals', `/v1/reports/monthly/totals${query}`, {
    token: await expense.token({ tenant, user, roles }),
  });
  return { status: answer.status, body: answer.body as MonthlyTotals & Problem };
}

/** Every page of a report, `limit` notes at a time, following nextCursor. */
async function pages(query: string, limit: number, user = 'fanny', roles = ['accountant']): Promise<MonthlyReport[]> {
  const read: MonthlyReport[] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await report(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, user, roles);
    expect(status, body.detail).toBe(200);
    read.push(body);
    cursor = body.nextCursor;
  } while (cursor !== undefined && read.length < 20);
  return read;
}

describe('GET /v1/reports/monthly', () => {
  it("groups the month's notes per employee on one page, with each note's figures checked by hand", async () => {
    const { status, body } = await report('?month=2026-03', 'fanny', ['accountant']);
    expect(status).toBe(200);
    expect(body.month).toBe('2026-03');
    expect(body.employees.map((section) => section.employee)).toEqual(['emma', 'felix', 'gina']);
    const [emma, felix, gina] = body.employees;

    // emma: the April note is another month's; the draft is listed, in no total.
    expect(emma!.notes.map((note) => [note.noteId, note.status, note.countedInTotals])).toEqual([
      [ids.emmaMeal, 'approved', true],
      [ids.emmaHotel, 'approved', true],
      [ids.emmaDraft, 'received', false],
      [ids.emmaTrain, 'submitted', true],
    ]);
    // The hotel is capped by the policy: owed min(152.30, 120.00) = 120.00. The card-paid train owes nothing.
    expect(emma!.notes[1]!.owed).toEqual({ kind: 'owed', amount: eur('120.00'), paidByCompanyCard: false });
    expect(emma!.notes[3]!.owed).toEqual({ kind: 'owed', amount: eur('0.00'), paidByCompanyCard: true });
    expect(emma!.notes[0]).toMatchObject({
      category: 'meals',
      amount: eur('48.60'),
      recoverableVat: { kind: 'computed', recoverable: eur('4.42') },
    });
    // felix: the fuel approved in part, owed min(70.00, 70.00, 60.00) = 60.00; the taxi has no policy stage yet,
    // and its VAT was computed from the draft (version 1), before the submission made version 2: neither is known.
    expect(felix!.notes[1]!.owed).toMatchObject({ kind: 'unavailable', code: 'stage_missing' });
    expect(felix!.notes[1]!.recoverableVat).toMatchObject({ kind: 'unavailable', code: 'stage_missing' });
    // gina (a payee in no team): the dollar dinner waits for its conversion.
    expect(gina!.notes.find((note) => note.noteId === ids.ginaDinner)!.owed).toMatchObject({ kind: 'unavailable', code: 'stage_missing' });
    // One page holds the whole month: no cursor.
    expect(body).not.toHaveProperty('nextCursor');
  });

  it("totals each employee's month, checked by hand, in one answer", async () => {
    const { status, body } = await totals('?month=2026-03', 'fanny', ['accountant']);
    expect(status).toBe(200);
    expect(body.employees.map((entry) => [entry.employee, entry.notes])).toEqual([
      ['emma', 4],
      ['felix', 2],
      ['gina', 3],
    ]);
    const [emma, felix, gina] = body.employees;
    // emma: the draft is in no total. claimed 48.60 + 152.30 + 87.00 = 287.90; owed 48.60 + 120.00 + 0.00 = 168.60;
    // VAT 4.42 + 0.00 + 0.00 = 4.42; card 87.00.
    expect(emma!.totals).toEqual({
      claimed: [eur('287.90')],
      owed: eur('168.60'),
      recoverableVat: eur('4.42'),
      paidByCompanyCard: [eur('87.00')],
      unavailable: { owed: 0, recoverableVat: 0 },
    });

    // felix: the fuel approved in part, the taxi's figures unknown. claimed 70.00 + 35.50 = 105.50; owed 60.00 (the taxi
    // left out); VAT 9.33 (the taxi left out).
    expect(felix!.totals).toEqual({
      claimed: [eur('105.50')],
      owed: eur('60.00'),
      recoverableVat: eur('9.33'),
      paidByCompanyCard: [],
      unavailable: { owed: 1, recoverableVat: 1 },
    });

    // gina (a payee in no team): the rejected note is in no total; the dollar dinner waits for its conversion.
    // claimed 25.00 EUR and 85.00 USD (each in its currency); owed 25.00; VAT 2.27 + 0.00 (foreign VAT, none recoverable) = 2.27.
    expect(gina!.totals).toEqual({
      claimed: [eur('25.00'), { value: '85.00', currency: 'USD' }],
      owed: eur('25.00'),
      recoverableVat: eur('2.27'),
      paidByCompanyCard: [],
      unavailable: { owed: 1, recoverableVat: 0 },
    });
  });

  it('pages the month a few notes at a time, employee after employee, the pages together the whole month, no empty last page', async () => {
    const whole = (await report('?month=2026-03', 'fanny', ['accountant'])).body;
    const read = await pages('?month=2026-03', 3);
    // 9 notes, 3 a page: emma's first three; her train and felix's two; gina's three, the last page without a cursor.
    expect(read.map((page) => page.employees.map((section) => [section.employee, section.notes.length]))).toEqual([
      [['emma', 3]],
      [
        ['emma', 1],
        ['felix', 2],
      ],
      [['gina', 3]],
    ]);
    expect(read.map((page) => page.nextCursor === undefined)).toEqual([false, false, true]);
    const notesOf = (pages: MonthlyReport[]) => pages.flatMap((page) => page.employees.flatMap((section) => section.notes));
    expect(notesOf(read)).toEqual(notesOf([whole]));
    // One employee's month, a note a page.
    const felix = await pages('?month=2026-03&employee=felix', 1, 'victor', ['approver']);
    expect(felix.map((page) => page.employees.map((section) => section.notes.map((note) => note.noteId)))).toEqual([
      [[ids.felixFuel]],
      [[ids.felixTaxi]],
    ]);
  });

  it('refuses a cursor it did not hand out, or one of another month or of another employee, naming the cursor', async () => {
    const first = await report('?month=2026-03&limit=1', 'fanny', ['accountant']);
    const cursor = first.body.nextCursor!;
    const felixCursor = (await report('?month=2026-03&employee=felix&limit=1', 'felix', ['employee'])).body.nextCursor!;
    for (const [query, user, roles] of [
      ['?month=2026-03&cursor=bm90LWEtY3Vyc29y', 'fanny', ['accountant']],
      [`?month=2026-02&cursor=${cursor}`, 'fanny', ['accountant']],
      [`?month=2026-03&employee=felix&cursor=${cursor}`, 'fanny', ['accountant']],
      // emma's cursor handed to felix, who reads only his own notes.
      [`?month=2026-03&cursor=${cursor}`, 'felix', ['employee']],
    ] as const) {
      const { status, body } = await report(query, user, [...roles]);
      expect({ query, user, status, fields: body.errors?.map((error) => error.field) }).toEqual({
        query,
        user,
        status: 400,
        fields: ['cursor'],
      });
    }
    // Felix's own cursor takes him on.
    const next = await report(`?month=2026-03&cursor=${felixCursor}`, 'felix', ['employee']);
    expect(next.body.employees.map((section) => section.notes.map((note) => note.noteId))).toEqual([[ids.felixTaxi]]);
  });

  it('shows an employee their own totals only, and answers 403 to a token without a tenant role', async () => {
    const own = await totals('?month=2026-03', 'felix', ['employee']);
    expect(own.body.employees.map((entry) => [entry.employee, entry.notes])).toEqual([['felix', 2]]);
    expect((await totals('?month=2026-03&employee=emma', 'felix', ['employee'])).status).toBe(403);
    expect((await totals('?month=2026-03', 'oncall', ['operator'])).status).toBe(403);
    expect((await totals('?month=2026-02', 'victor', ['approver'])).body).toEqual({ month: '2026-02', employees: [] });
    expect((await totals('?month=2026-3', 'victor', ['approver'])).body.errors?.map((error) => error.field)).toEqual(['month']);
  });

  it('shows an employee their own notes only, and refuses them anyone else’s', async () => {
    const own = await report('?month=2026-03', 'felix', ['employee']);
    expect(own.status).toBe(200);
    expect(own.body.employees.map((section) => [section.employee, section.notes.length])).toEqual([['felix', 2]]);
    expect((await report('?month=2026-03&employee=felix', 'felix', ['employee'])).body.employees).toHaveLength(1);

    const other = await report('?month=2026-03&employee=emma', 'felix', ['employee']);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('forbidden');
  });

  it("answers 403 to an operator's token and to one granting no role: no report, not an empty one", async () => {
    for (const roles of [['operator'], []]) {
      const { status, body } = await report('?month=2026-03', 'oncall', roles);
      expect({ roles, status, code: body.code }).toEqual({ roles, status: 403, code: 'forbidden' });
    }
  });

  it("gives an approver one employee's section when asked, and an empty month as no section", async () => {
    const one = await report('?month=2026-03&employee=gina', 'victor', ['approver']);
    expect(one.body.employees.map((section) => section.employee)).toEqual(['gina']);
    const empty = await report('?month=2026-02', 'victor', ['approver']);
    expect(empty).toEqual({ status: 200, body: { month: '2026-02', employees: [] } });
  });

  it('answers one CSV row per note with Accept: text/csv, an empty figure beside its reason', async () => {
    const answer = await expense.call('GET', '/v1/reports/monthly', '/v1/reports/monthly?month=2026-03&employee=felix', {
      token: await expense.token({ tenant, user: 'victor', roles: ['approver'] }),
      headers: { accept: 'text/csv' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (answer.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'employee,noteId,date,status,category,merchant,paymentMethod,amount,currency,countedInTotals,owed,recoverableVat,unavailable',
    );
    expect(lines[1]).toBe(`felix,${ids.felixFuel},2026-03-05,approved,fuel,,,70.00,EUR,true,60.00,9.33,`);
    expect(lines[2]).toBe(
      `felix,${ids.felixTaxi},2026-03-20,awaiting_approval,taxi,,,35.50,EUR,true,,,` +
        'owed: No policy-checker stage for the submitted version 2 yet. recoverableVat: No vat-calculator stage for the submitted version 2 yet.',
    );
    expect(lines).toHaveLength(3);
    expect(answer.headers.get('link')).toBeNull();
  });

  it('pages the CSV too, the next page in the Link header', async () => {
    const token = await expense.token({ tenant, user: 'victor', roles: ['approver'] });
    const csv = (path: string) => expense.call('GET', '/v1/reports/monthly', path, { token, headers: { accept: 'text/csv' } });
    const first = await csv('/v1/reports/monthly?month=2026-03&employee=felix&limit=1');
    const link = first.headers.get('link');
    expect(link).toMatch(/^<\/v1\/reports\/monthly\?month=2026-03&employee=felix&limit=1&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    expect((first.body as string).trimEnd().split('\r\n')).toEqual([
      expect.stringMatching(/^employee,noteId,/),
      expect.stringContaining(ids.felixFuel!),
    ]);
    const second = await csv(/^<([^>]+)>/.exec(link!)![1]!);
    expect((second.body as string).trimEnd().split('\r\n')).toEqual([
      expect.stringMatching(/^employee,noteId,/),
      expect.stringContaining(ids.felixTaxi!),
    ]);
    expect(second.headers.get('link')).toBeNull();
  });

  it('refuses a missing or malformed month, or a malformed employee, naming the parameter', async () => {
    for (const [query, field] of [
      ['', 'month'],
      ['?month=2026-13', 'month'],
      ['?month=2026-3', 'month'],
      ['?month=2026-03&employee=no%20such%20name', 'employee'],
    ] as const) {
      const { status, body } = await report(query, 'fanny', ['accountant']);
      expect(status, query).toBe(400);
      expect(body.errors?.map((error) => error.field)).toEqual([field]);
    }
  });
});
