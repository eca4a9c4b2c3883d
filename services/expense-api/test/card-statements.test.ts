import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { cardTransactionKey, tenantScope, type CardStatementImport, type CardTransactionPage, type Problem } from '@ndf/contracts';
import { writeSettings } from '@ndf/tenant-settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

const camt = readFileSync(new URL('../../../packages/card-statements/test/statements/march.camt053.xml', import.meta.url), 'utf8');

// The emulator's tables outlive a run: each run's tenants are its own.
const run = randomUUID().slice(0, 8);
const tenantOf = (name: string) => `${name}-${run}`;

let expense: ExpenseUnderTest;
// The API's clock, set by each test that reads what is overdue.
let now = new Date('2026-03-31T09:00:00Z');

beforeAll(async () => {
  expense = await startExpense('expense-cards-', { clock: () => now });
});
afterAll(async () => expense?.stop());

const accountant = (tenant: string) => expense.token({ tenant, user: 'fanny', roles: ['accountant'] });

async function importStatement(tenant: string, body: string, contentType: string, query = '') {
  const answer = await expense.call('POST', '/v1/card-statements', `/v1/card-statements${query}`, {
    token: await accountant(tenant),
    rawBody: body,
    headers: { 'content-type': contentType },
  });
  return { status: answer.status, body: answer.body as CardStatementImport & Problem };
}

async function list(tenant: string, query: string, token?: string) {
  const answer = await expense.call('GET', '/v1/card-transactions', `/v1/card-transactions${query}`, {
    token: token ?? (await accountant(tenant)),
  });
  return { status: answer.status, body: answer.body as CardTransactionPage & Problem };
}

async function writeCards(tenant: string, cards: { last4: string; holder: string }[], reminderAfterDays: number) {
  const scope = tenantScope({ tenant, user: 'admin', roles: ['admin'] });
  const written = await writeSettings(
    expense.stack.clients.dynamodb,
    expense.config.tableName,
    scope,
    'CARDS',
    { cards, reminderAfterDays },
    0,
    AbortSignal.timeout(5_000),
  );
  expect(written.outcome).toBe('written');
}

describe('POST /v1/card-statements', () => {
  it('imports a camt.053 once: a re-import writes nothing new, and each payment is listed with its holder', async () => {
    await writeCards(tenantOf('cards-camt'), [{ last4: '4242', holder: 'emma' }], 14);
    const first = await importStatement(tenantOf('cards-camt'), camt, 'application/xml');
    // Five transactions: two payments, a batch entry of two tolls, a refund.
    expect(first).toEqual({ status: 200, body: { format: 'camt053', read: 5, new: 5, alreadyKnown: 0, refused: [] } });
    const again = await importStatement(tenantOf('cards-camt'), camt, 'application/xml');
    expect(again.body).toMatchObject({ read: 5, new: 0, alreadyKnown: 5 });

    const unmatched = await list(tenantOf('cards-camt'), '?status=unmatched');
    expect(unmatched.status).toBe(200);
    // The four debits, oldest first; the refund is no expense to claim. 2026-03-31 − 14 days = 2026-03-17: the first two are overdue.
    expect(unmatched.body.items.map((item) => [item.transactionId, item.date, item.holder, item.overdue])).toEqual([
      ['CB-0001', '2026-03-03', 'emma', true],
      ['CB-0002', '2026-03-14', undefined, true],
      ['CB-BATCH-7/1', '2026-03-20', undefined, false],
      ['CB-BATCH-7/2', '2026-03-20', undefined, false],
    ]);
    expect(unmatched.body.items[1]).toMatchObject({
      amount: { value: '78.34', currency: 'EUR' },
      originalAmount: { value: '85.00', currency: 'USD' },
    });
  });

  it('keeps the readable lines of a CSV, names the one it refuses, and takes it once corrected without writing the others twice', async () => {
    const header = 'Date opération;Libellé;Montant;Devise;Carte';
    const broken = [
      header,
      '02/03/2026;TAXI G7;-23,50;EUR;**** 0005',
      '31/02/2026;HOTEL;-98,00;EUR;**** 0005',
      '04/03/2026;CAFE;-3,20;EUR;**** 0005',
    ];
    // text/plain: the content says it is a CSV.
    const first = await importStatement(tenantOf('cards-csv'), broken.join('\n'), 'text/plain');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      format: 'csv',
      read: 2,
      new: 2,
      alreadyKnown: 0,
      refused: [{ field: '/lines/3/date', code: 'invalid_date', detail: expect.stringContaining('31/02/2026') }],
    });
    const corrected = broken.with(2, '28/02/2026;HOTEL;-98,00;EUR;**** 0005');
    expect((await importStatement(tenantOf('cards-csv'), corrected.join('\n'), 'text/csv')).body).toMatchObject({
      read: 3,
      new: 1,
      alreadyKnown: 2,
      refused: [],
    });
  });

  it('counts every transaction of a statement of several hundred lines, written in chunks at once, and each once', async () => {
    const lines = Array.from(
      { length: 450 },
      (_, index) => `2026-03-${String((index % 28) + 1).padStart(2, '0')},SHOP ${index},-${index + 1}.00`,
    );
    // Twice the same line (no reference): two transactions of their own; and a part of it imported before.
    const csv = ['date,merchant,amount', ...lines, lines[0]!].join('\n');
    const part = ['date,merchant,amount', ...lines.slice(100, 220)].join('\n');
    expect((await importStatement(tenantOf('cards-many'), part, 'text/csv')).body).toMatchObject({ read: 120, new: 120, alreadyKnown: 0 });
    expect((await importStatement(tenantOf('cards-many'), csv, 'text/csv')).body).toMatchObject({ read: 451, new: 331, alreadyKnown: 120 });
    expect((await importStatement(tenantOf('cards-many'), csv, 'text/csv')).body).toMatchObject({ read: 451, new: 0, alreadyKnown: 451 });
  });

  it('refuses a statement it cannot read at all with a 422 naming where', async () => {
    const answer = await importStatement(tenantOf('cards-bad'), 'date;amount\n2026-03-01;3.00', 'text/csv');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'unreadable_statement', errors: [{ field: '/header', in: 'body', code: 'required' }] });
    const xml = await importStatement(tenantOf('cards-bad'), '<Document><Other/></Document>', 'application/xml');
    expect(xml.body).toMatchObject({ code: 'unreadable_statement', errors: [{ field: '/Document/BkToCstmrStmt', code: 'invalid' }] });
    expect((await importStatement(tenantOf('cards-bad'), '{}', 'application/json')).status).toBe(415);
    expect((await importStatement(tenantOf('cards-bad'), camt, 'application/xml', '?format=pdf')).status).toBe(400);
  });
});

describe('GET /v1/card-transactions', () => {
  it('lists the overdue payments as of its clock, after the days the CARDS settings give, a page at a time', async () => {
    await writeCards(tenantOf('cards-late'), [], 10);
    const csv = ['date,merchant,amount', '2026-03-01,PARKING,-4.00', '2026-03-10,TAXI,-18.00', '2026-03-11,TRAIN,-60.00'].join('\n');
    await importStatement(tenantOf('cards-late'), csv, 'text/csv');
    now = new Date('2026-03-21T08:00:00Z');
    // 2026-03-21 − 10 days = 2026-03-11: the three are overdue; a day earlier the last one is not.
    const pages: CardTransactionPage[] = [];
    let cursor: string | undefined;
    do {
      const answer = await list(tenantOf('cards-late'), `?status=overdue&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status).toBe(200);
      pages.push(answer.body);
      cursor = answer.body.nextCursor;
    } while (cursor);
    expect(pages.flatMap((page) => page.items.map((item) => item.merchant))).toEqual(['PARKING', 'TAXI', 'TRAIN']);
    now = new Date('2026-03-20T23:00:00Z');
    expect((await list(tenantOf('cards-late'), '?status=overdue')).body.items.map((item) => item.merchant)).toEqual(['PARKING', 'TAXI']);
    expect((await list(tenantOf('cards-late'), '?status=overdue&cursor=bm90LWEtY3Vyc29y')).body).toMatchObject({
      code: 'validation_failed',
    });

    // The card matcher pairs the taxi with a note that has no receipt yet: no longer unmatched, still overdue.
    const taxi = pages.flatMap((page) => page.items).find((item) => item.merchant === 'TAXI')!;
    const noteId = randomUUID();
    await expense.stack.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: expense.config.tableName,
        Key: marshall(cardTransactionKey(tenantScope({ tenant: tenantOf('cards-late'), user: 'x', roles: [] }), taxi.transactionId)),
        UpdateExpression: 'SET matchedNoteId = :note, matchState = :matched, noteHasReceipt = :no',
        ExpressionAttributeValues: marshall({ ':note': noteId, ':matched': 'matched', ':no': false }),
      }),
    );
    expect((await list(tenantOf('cards-late'), '?status=unmatched')).body.items.map((item) => item.merchant)).toEqual(['PARKING', 'TRAIN']);
    expect((await list(tenantOf('cards-late'), '?status=overdue')).body.items.map((item) => [item.merchant, item.matchedNoteId])).toEqual([
      ['PARKING', undefined],
      ['TAXI', noteId],
    ]);
  });

  it('answers 403 to an employee, on the list and on the import', async () => {
    const employee = await expense.token({ tenant: tenantOf('cards-camt'), user: 'emma', roles: ['employee', 'approver'] });
    expect((await list(tenantOf('cards-camt'), '?status=unmatched', employee)).body).toMatchObject({ status: 403, code: 'forbidden' });
    const imported = await expense.call('POST', '/v1/card-statements', '/v1/card-statements', {
      token: employee,
      rawBody: camt,
      headers: { 'content-type': 'application/xml' },
    });
    expect(imported.status).toBe(403);
  });
});
