import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, findRouter, streamSubscriptions, tableName } from '@ndf/catalog';
import { service as converter } from '@ndf/currency-converter';
import { ITEM_TYPES, noteKey, stageKey, tenantScope } from '@ndf/contracts';
import { parseEcbHistory } from '@ndf/exchange-rates';
import { waitUntil } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { loadRates } from '@ndf/rates-store';
import { startService } from '@ndf/runtime';
import { routerService } from '@ndf/stream-router/service';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A note converted before its day's rates are loaded, converted again once they are: through the
// real stream router (the converter's subscription as the catalog writes it) and the converter
// consuming its queue, on DynamoDB Local's stream.
const PREFIX = 'rates-arrive-';
const testCatalog = { ...catalog, services: [converter.entry] };
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const noteId = '0d000000-0000-4000-8000-000000000001';
const HISTORY = ['Date,USD,', '2024-09-30,1.1196,', '2024-09-27,1.1158,'].join('\n');
let stack: SharedStack;
let running: ServiceUnderTest;
const stopRouter = new AbortController();

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, testCatalog);
  await startService(routerService(findRouter(testCatalog, 'stream-router'), streamSubscriptions(testCatalog, 'notes')), {
    env: { ...stack.environment(), LOG_LEVEL: 'silent' },
    signal: stopRouter.signal,
  });
  running = await startServiceUnderTest(converter, stack);
});
afterAll(async () => {
  stopRouter.abort();
  await running?.stop();
  await stack?.stop();
});

const tables = () => ({
  dynamodb: stack.clients.dynamodb,
  referenceTable: tableName(PREFIX, 'reference'),
  notesTable: tableName(PREFIX, 'notes'),
});
const stage = async () => {
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({ TableName: tables().notesTable, Key: marshall(stageKey(scope, 'currency-converter', { noteId })) }),
  );
  return Item ? unmarshall(Item) : undefined;
};

describe("a day's rates loaded after its notes", () => {
  it("converts a Monday note with Friday's rate, then with Monday's once Monday's rates are loaded", async () => {
    await loadRates(
      tables(),
      parseEcbHistory(HISTORY).filter((day) => day.date < '2024-09-30'),
      AbortSignal.timeout(10_000),
    );
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: tables().notesTable,
        Item: marshall({
          ...noteKey(scope, noteId),
          type: ITEM_TYPES.note,
          tenant: 'acme',
          noteId,
          owner: 'alice',
          status: 'submitted',
          version: 1,
          date: '2024-09-30',
          amount: { value: '120.00', currency: 'USD' },
          receiptIds: [],
          requestHash: 'h',
          createdAt: 't',
          updatedAt: 't',
        }),
      }),
    );
    // 120.00 USD / 1.1158 (Friday 27) = 107.54615… → 107.55 EUR, provisional.
    await waitUntil('the provisional conversion', async () => (await stage())?.outcome?.fallback?.provisional === true, 30_000);
    expect(await stage()).toMatchObject({ outcome: { converted: { value: '107.55' }, rateDate: '2024-09-27' }, gsi1pk: 'RATES-AWAITED' });

    expect(await loadRates(tables(), parseEcbHistory(HISTORY), AbortSignal.timeout(10_000))).toMatchObject({ recomputeRequested: 1 });
    // 120.00 USD / 1.1196 (Monday 30) = 107.18113… → 107.18 EUR, final.
    await waitUntil('the conversion with Monday’s rate', async () => (await stage())?.outcome?.rateDate === '2024-09-30', 30_000);
    const final = await stage();
    expect(final).toMatchObject({ outcome: { converted: { value: '107.18', currency: 'EUR' }, rate: '1.1196' } });
    expect(final).not.toHaveProperty('gsi1pk');
    expect(final?.outcome).not.toHaveProperty('fallback');
  });
});
