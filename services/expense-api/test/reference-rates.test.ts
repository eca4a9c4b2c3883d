import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { stageKey, tenantScope, type Problem, type RatesLoad } from '@ndf/contracts';
import { awaitingRatesIndex, readRatesFor, REFERENCE_RATES_SOURCE } from '@ndf/rates-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

// The emulator's tables outlive a run: each run's rates differ in their last digits, so the first load writes them.
const run = randomUUID();
const digits = String(parseInt(run.slice(0, 4), 16))
  .padStart(5, '0')
  .slice(-4);
const usd = `1.0${digits}`;
const tenant = `rates-${run.slice(0, 8)}`;

let expense: ExpenseUnderTest;

beforeAll(async () => {
  expense = await startExpense('expense-rates-');
});
afterAll(async () => expense?.stop());

async function load(body: string, contentType: string, role: 'admin' | 'accountant' = 'admin') {
  const answer = await expense.call('POST', '/v1/reference-rates', '/v1/reference-rates', {
    token: await expense.token({ tenant, user: 'ada', roles: [role] }),
    rawBody: body,
    headers: { 'content-type': contentType },
  });
  return { status: answer.status, body: answer.body as RatesLoad & Problem };
}

/** A converter's stage that awaits the rates of `date`, as the converter leaves it. */
async function awaitingStage(date: string): Promise<{ pk: string; sk: string }> {
  const noteId = randomUUID();
  const key = stageKey(tenantScope({ tenant, user: 'u', roles: [] }), 'currency-converter', { noteId });
  const item = {
    ...key,
    type: 'STAGE',
    service: 'currency-converter',
    tenant,
    noteId,
    status: 'succeeded',
    ...awaitingRatesIndex(date, tenant, noteId),
  };
  await expense.stack.clients.dynamodb.send(new PutItemCommand({ TableName: expense.config.tableName, Item: marshall(item) }));
  return key;
}

describe('POST /v1/reference-rates', () => {
  it('loads the ECB CSV once, sends the conversions that awaited the day back, and says what it wrote', async () => {
    const awaiting = await awaitingStage('2026-03-12');
    const csv = `Date,USD,JPY,\n2026-03-13,${usd},163.02,\n2026-03-12,1.0850,161.29,\n`;
    const first = await load(csv, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ days: 2, written: expect.arrayContaining(['2026-03-13']) });
    expect(first.body.recomputeRequested).toBeGreaterThanOrEqual(1);
    const stage = await expense.stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: expense.config.tableName, Key: marshall(awaiting), ConsistentRead: true }),
    );
    expect(unmarshall(stage.Item!)).toMatchObject({ recompute: 'rates-loaded' });

    const again = await load(csv, 'text/csv');
    expect(again.body).toMatchObject({ days: 2, written: [], unchanged: ['2026-03-12', '2026-03-13'] });
    const { table } = await readRatesFor(
      expense.stack.clients.dynamodb,
      expense.config.referenceTable,
      REFERENCE_RATES_SOURCE,
      '2026-03-13',
      AbortSignal.timeout(5_000),
    );
    expect(table.days.at(-1)).toMatchObject({ date: '2026-03-13' });
  });

  it('loads a JSON body as parseRatesJson reads it', async () => {
    const body = JSON.stringify({ base: 'EUR', days: [{ date: '2026-03-16', rates: { USD: usd, GBP: '0.8412' } }] });
    const loaded = await load(body, 'application/json');
    expect(loaded).toMatchObject({ status: 200, body: { days: 1, written: ['2026-03-16'], unchanged: [] } });
  });

  it('refuses a bad line naming it, and loads nothing from that body', async () => {
    const csv = `Date,USD,JPY,\n2026-03-18,${usd},163.02,\n2026-03-17,abc,161.29,\n`;
    const refused = await load(csv, 'text/csv');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('unreadable_rates');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: '/lines/3/USD', in: 'body' })]);
    const stored = await readRatesFor(
      expense.stack.clients.dynamodb,
      expense.config.referenceTable,
      REFERENCE_RATES_SOURCE,
      '2026-03-18',
      AbortSignal.timeout(5_000),
    );
    expect(stored.table.days.map((day) => day.date)).not.toContain('2026-03-18');
    const json = await load(JSON.stringify({ base: 'EUR', days: [{ date: '2026-02-30', rates: { USD: usd } }] }), 'application/json');
    expect(json.status).toBe(422);
    expect(json.body.errors?.map((error) => error.field)).toEqual(['/days/0/date']);
  });

  it('refuses anyone but an admin (403)', async () => {
    const body = JSON.stringify({ base: 'EUR', days: [{ date: '2026-03-19', rates: { USD: usd } }] });
    expect((await load(body, 'application/json', 'accountant')).status).toBe(403);
  });
});
