import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { strToU8, zipSync } from 'fflate';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, SCHEDULE_TICK, tableName } from '@ndf/catalog';
import { stageKey, tenantScope } from '@ndf/contracts';
import { awaitingRatesIndex } from '@ndf/rates-store';
import { localServiceEnvironment, paths } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RATES_SOURCE_VARIABLE, sourceProblem } from '../src/rates-source.js';
import { loaderDependencies, service } from '../src/service.js';

const PREFIX = 'rates-loader-';
let stack: SharedStack;
let server: Server;
/** What the test's HTTP source answers, set by each test. */
let served: string | Uint8Array = '';
let running: ServiceUnderTest | undefined;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  server = createServer((_request, response) => response.end(served));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
// One loader at a time on its queue: each test's, with its own source.
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
});

/** The loader as the platform runs it, with its source set as a deployment (or services/rates-loader/local) would. */
async function loaderReading(source: string | undefined): Promise<ServiceUnderTest> {
  const loader = await startServiceUnderTest(
    {
      ...service,
      dependencies: (context) => loaderDependencies({ ...context, env: { ...context.env, [RATES_SOURCE_VARIABLE]: source } }),
    },
    stack,
  );
  running = loader;
  return loader;
}
const dayItem = async (date: string) => {
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({ TableName: tableName(PREFIX, 'reference'), Key: marshall({ pk: 'RATES#ECB', sk: `DAY#${date}` }) }),
  );
  return Item ? unmarshall(Item) : undefined;
};

describe('rates-loader', () => {
  it("loads on each tick the rates file the configured HTTPS (here loopback HTTP) address serves: the ECB's history", async () => {
    served = 'Date,USD,JPY,\n2024-10-15,1.0891,162.72,\n2024-10-14,1.0910,163.04,\n';
    const { port } = server.address() as AddressInfo;
    const loader = await loaderReading(`http://127.0.0.1:${port}/eurofxref-hist.csv`);
    expect(await loader.deliver(SCHEDULE_TICK)).toMatchObject({ outcome: 'succeeded' });
    expect(await dayItem('2024-10-15')).toMatchObject({ rates: { USD: '1.0891', JPY: '162.72' } });
    expect(await dayItem('2024-10-14')).toMatchObject({ rates: { USD: '1.0910' } });

    // The same file on the next tick writes nothing, but a conversion that awaited its days is still sent back.
    const stage = stageKey(tenantScope({ tenant: 'acme', user: 'u', roles: [] }), 'currency-converter', { noteId: 'n-1' });
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: tableName(PREFIX, 'notes'),
        Item: marshall({
          ...stage,
          type: 'STAGE',
          service: 'currency-converter',
          status: 'succeeded',
          ...awaitingRatesIndex('2024-10-15', 'acme', 'n-1'),
        }),
      }),
    );
    const loadedAt = (await dayItem('2024-10-15'))?.loadedAt;
    expect(await loader.deliver(SCHEDULE_TICK)).toMatchObject({ outcome: 'succeeded' });
    expect((await dayItem('2024-10-15'))?.loadedAt).toBe(loadedAt);
    const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(stage) }));
    expect(unmarshall(Item!)).toMatchObject({ recompute: 'rates-loaded' });

    // A new publication in the file: loaded on the next tick.
    served = `Date,USD,JPY,\n2024-10-16,1.0866,162.18,\n2024-10-15,1.0891,162.72,\n2024-10-14,1.0910,163.04,\n`;
    expect(await loader.deliver(SCHEDULE_TICK)).toMatchObject({ outcome: 'succeeded' });
    expect(await dayItem('2024-10-16')).toMatchObject({ rates: { USD: '1.0866' } });
  });

  it("reads the ECB's file zipped, as it publishes it (eurofxref.zip)", async () => {
    served = zipSync({ 'eurofxref.csv': strToU8('Date, USD, JPY, \n18 October 2024, 1.0847, 162.35, \n') });
    const { port } = server.address() as AddressInfo;
    const loader = await loaderReading(`http://127.0.0.1:${port}/eurofxref.zip`);
    expect(await loader.deliver(SCHEDULE_TICK)).toMatchObject({ outcome: 'succeeded' });
    expect(await dayItem('2024-10-18')).toMatchObject({ rates: { USD: '1.0847', JPY: '162.35' } });
  });

  it('loads, on the laptop, the sample of published rates shipped with it (services/rates-loader/local)', async () => {
    const local = localServiceEnvironment(paths.repoRoot, 'rates-loader');
    const sample = readFileSync(new URL(local[RATES_SOURCE_VARIABLE]!), 'utf8');
    expect(sample.split('\n')[1]).toMatch(/^2024-10-11,1\.0938,162\.94,/);
    const loader = await loaderReading(local[RATES_SOURCE_VARIABLE]);
    expect(await loader.deliver(SCHEDULE_TICK)).toMatchObject({ outcome: 'succeeded' });
    expect(await dayItem('2024-10-11')).toMatchObject({ date: '2024-10-11', rates: { USD: '1.0938', JPY: '162.94', GBP: '0.83705' } });
    expect(await dayItem('2024-08-01')).toMatchObject({ rates: { USD: '1.0789' } });
  });

  it('quarantines a tick whose file is refused, naming the line and the column, and loads none of it', async () => {
    served = 'Date,USD,\n2024-10-17,1.0832,\n2024-10-16,-1.0866,\n';
    const { port } = server.address() as AddressInfo;
    const loader = await loaderReading(`http://127.0.0.1:${port}/bad.csv`);
    const delivery = await loader.deliver(SCHEDULE_TICK);
    expect(delivery).toMatchObject({ outcome: 'quarantined' });
    expect((delivery as { reason: string }).reason).toContain('line 3, USD');
    expect(await dayItem('2024-10-17')).toBeUndefined();
  });

  it('does nothing, and says so, with no source configured; refuses a source read over the open network unencrypted', async () => {
    const loader = await loaderReading(undefined);
    expect(await loader.deliver(SCHEDULE_TICK)).toMatchObject({ outcome: 'succeeded' });
    expect(sourceProblem('http://rates.example.com/eurofxref.csv')).toBe('NDF_RATES_SOURCE_URL must be an https: or file: URL, not http:');
    expect(sourceProblem('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.csv')).toBeUndefined();
    expect(sourceProblem('not a url')).toContain('is not a URL');
  });
});
