import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { stageKey, tenantScope } from '@ndf/contracts';
import { parseEcbHistory } from '@ndf/exchange-rates';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitingRatesIndex, loadRates, readRatesFor, REFERENCE_RATES_SOURCE, runRatesCommand } from '../src/index.js';

const PREFIX = 'rates-store-';
let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

const tables = () => ({
  dynamodb: stack.clients.dynamodb,
  referenceTable: tableName(PREFIX, 'reference'),
  notesTable: tableName(PREFIX, 'notes'),
});
const signal = () => AbortSignal.timeout(10_000);
const HISTORY = ['Date,USD,JPY,', '2024-10-04,1.0976,163.02,', '2024-10-03,1.1031,161.29,', '2024-10-02,1.1046,159.37,'].join('\n');

/** A converter's stage awaiting a day's rates, as the converter leaves it. */
async function awaitingStage(tenant: string, noteId: string, date: string): Promise<{ pk: string; sk: string }> {
  const key = stageKey(tenantScope({ tenant, user: 'u', roles: [] }), 'currency-converter', { noteId });
  await stack.clients.dynamodb.send(
    new PutItemCommand({
      TableName: tables().notesTable,
      Item: marshall({
        ...key,
        type: 'STAGE',
        service: 'currency-converter',
        tenant,
        noteId,
        status: 'succeeded',
        ...awaitingRatesIndex(date, tenant, noteId),
      }),
    }),
  );
  return key;
}
const readItem = async (table: string, key: { pk: string; sk: string }) =>
  unmarshall((await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key) }))).Item ?? {});

describe('the reference rates in the reference table', () => {
  it('writes each day once, a day again only when its rates changed, and reads back what a date needs', async () => {
    const days = parseEcbHistory(HISTORY);
    expect(await loadRates(tables(), days, signal())).toMatchObject({ written: ['2024-10-02', '2024-10-03', '2024-10-04'], unchanged: [] });
    expect(await loadRates(tables(), days, signal())).toMatchObject({ written: [], unchanged: ['2024-10-02', '2024-10-03', '2024-10-04'] });
    // A corrected publication of Friday 4 October replaces that day only.
    const corrected = parseEcbHistory('Date,USD,JPY,\n2024-10-04,1.0977,163.02,');
    expect(await loadRates(tables(), corrected, signal())).toMatchObject({ written: ['2024-10-04'], unchanged: [] });
    const item = await readItem(tables().referenceTable, { pk: 'RATES#ECB', sk: 'DAY#2024-10-04' });
    expect(item).toMatchObject({ type: 'RATE_DAY', source: 'ECB', date: '2024-10-04', rates: { USD: '1.0977', JPY: '163.02' } });

    const saturday = await readRatesFor(tables().dynamodb, tables().referenceTable, REFERENCE_RATES_SOURCE, '2024-10-05', signal());
    expect(saturday.laterDayLoaded).toBe(false);
    expect(saturday.table.rateOn('USD', '2024-10-05')).toMatchObject({ rateDate: '2024-10-04', fellBack: true });
    const thursday = await readRatesFor(tables().dynamodb, tables().referenceTable, REFERENCE_RATES_SOURCE, '2024-10-03', signal());
    expect(thursday).toMatchObject({ laterDayLoaded: true });
    expect(thursday.table.days.map((day) => day.date)).toEqual(['2024-10-02', '2024-10-03']);
  });

  it('marks for recomputing the stages awaiting a day up to the newest loaded, across tenants, and no later one', async () => {
    const monday = await awaitingStage('acme', 'n-1', '2024-10-07');
    const otherTenant = await awaitingStage('globex', 'n-2', '2024-10-07');
    const tuesday = await awaitingStage('acme', 'n-3', '2024-10-08');
    const result = await loadRates(tables(), parseEcbHistory('Date,USD,\n2024-10-07,1.0982,'), signal());
    expect(result.recomputeRequested).toBe(2);
    expect(await readItem(tables().notesTable, monday)).toMatchObject({ recompute: 'rates-loaded' });
    expect(await readItem(tables().notesTable, otherTenant)).toMatchObject({ recompute: 'rates-loaded' });
    expect(await readItem(tables().notesTable, tuesday)).not.toHaveProperty('recompute');
  });
});

describe('npm run rates -- load <file>', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRatesCommand(args, { ...tables(), stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
    return { code, out: out.join(''), err: err.join('') };
  };
  const file = (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'rates-')), name);
    writeFileSync(path, text);
    return path;
  };

  it("loads the ECB's daily file and says what it did", async () => {
    const daily = file('eurofxref.csv', 'Date, USD, JPY, \n09 October 2024, 1.0957, 163.41, \n');
    const { code, out, err } = await run(['load', daily]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    // The stages of the test above, still awaiting (no converter runs here), are marked again.
    expect(out).toBe(
      '✔ 1 day(s) of rates read (2024-10-09 to 2024-10-09): 1 written, 0 unchanged; 3 conversion(s) awaiting these rates sent back to the converter\n',
    );
  });

  it('refuses a file with a bad rate, naming its line and column, and loads nothing of it', async () => {
    const bad = file('hist.csv', 'Date,USD,\n2024-10-11,1.0938,\n2024-10-10,0,\n');
    const { code, err } = await run(['load', bad]);
    expect(code).toBe(1);
    expect(err).toContain('line 3, USD');
    expect(await readItem(tables().referenceTable, { pk: 'RATES#ECB', sk: 'DAY#2024-10-11' })).toEqual({});
    expect(await run(['fetch'])).toMatchObject({ code: 2 });
  });
});
