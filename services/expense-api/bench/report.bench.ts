// `npm run bench -- monthly-report [--notes N]`: the times of the monthly report for a tenant month
// of N notes (default 200) spread over 5 employees, each note with its submission and the policy and
// VAT stages, on DynamoDB Local behind the gateway stand-in: a page of GET /v1/reports/monthly (the
// default limit, as JSON and as CSV), every page of the month one after the other, and
// GET /v1/reports/monthly/totals (which reads the whole month). Prints each run's time: the API's deadline is 3 s.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog } from '@ndf/catalog';
import { historyKey, listingSortKey, ownerListing, stageKey, tenantScope, type MonthlyReport } from '@ndf/contracts';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { DEFAULT_APPROVER_SETTINGS, writeSettings } from '@ndf/tenant-settings';
import { startApiUnderTest, testNoteItem } from '@ndf/testkit';
import { expenseApiEntry } from '../src/config.js';
import { expenseApp } from '../src/expense-app.js';
import { expenseContract } from '../src/validation/contract.js';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '200' } } });
const count = Number(values.notes);
if (!Number.isInteger(count) || count < 1 || count > 5_000) {
  console.error('usage: npm run bench -- monthly-report [--notes N (1 to 5,000)]');
  process.exit(2);
}

const tenant = 'bench';
const employees = ['e1', 'e2', 'e3', 'e4', 'e5'];
const signal = new AbortController().signal;
const stack = await startLocalStack(await ephemeralConfig('bench-report-'), { catalog: { ...catalog, services: [] } });
try {
  const app = expenseApp(stack.environment(), { clock: () => new Date(), log: () => undefined, metrics: () => undefined });
  const { config } = app;
  type Template = '/v1/reports/monthly' | '/v1/reports/monthly/totals';
  const served = await startApiUnderTest<Template>({ stack, entry: expenseApiEntry(), handler: app.handle, contract: expenseContract() });

  const admin = tenantScope({ tenant, user: 'ada', roles: ['admin'] });
  const teams = [{ name: 'all', members: employees }];
  await writeSettings(stack.clients.dynamodb, config.tableName, admin, 'APPROVERS', { ...DEFAULT_APPROVER_SETTINGS, teams }, 0, signal);
  const items = Array.from({ length: count }, (_, index) => {
    const owner = tenantScope({ tenant, user: employees[index % employees.length]!, roles: [] });
    const noteId = `0c000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
    const date = `2026-03-${String((index % 28) + 1).padStart(2, '0')}`;
    const stage = (service: string, outcome: object) => ({
      ...stageKey(owner, service, { noteId }),
      type: 'STAGE',
      tenant,
      noteId,
      service,
      noteVersion: 2,
      status: 'succeeded',
      outcome,
      updatedAt: '2026-03-31T00:00:00.000Z',
    });
    return [
      testNoteItem(tenant, noteId, { owner: owner.user, date, status: 'approved', version: 4, ...listing(owner, date, noteId) }),
      {
        ...historyKey(owner, noteId, 2),
        type: 'HISTORY',
        tenant,
        noteId,
        version: 2,
        action: 'submit',
        from: 'received',
        to: 'submitted',
        actor: { kind: 'user', id: owner.user, role: 'employee' },
        at: '2026-03-31T00:00:00.000Z',
        requestId: `submit-${noteId}`,
      },
      stage('policy-checker', { amounts: { allowed: { value: '42.50', currency: 'EUR' } } }),
      stage('vat-calculator', { recoverable: { value: '3.86', currency: 'EUR' } }),
    ];
  }).flat();
  for (let start = 0; start < items.length; start += 25)
    await stack.clients.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: { [config.tableName]: items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })) },
      }),
    );

  const token = await served.token({ tenant, user: 'fanny', roles: ['accountant'] });
  const timed = async (template: Template, path: string, accept = 'application/json') => {
    const started = performance.now();
    const answer = await served.call('GET', template, path, { token, headers: { accept } });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { ms: performance.now() - started, body: answer.body };
  };
  const print = (what: string, run: number, ms: number) =>
    console.log(`${count} notes, ${employees.length} employees, ${what}, run ${run}: ${Math.round(ms)} ms`);
  for (let run = 1; run <= 3; run++) {
    print('first page (JSON)', run, (await timed('/v1/reports/monthly', '/v1/reports/monthly?month=2026-03')).ms);
    print('first page (CSV)', run, (await timed('/v1/reports/monthly', '/v1/reports/monthly?month=2026-03', 'text/csv')).ms);
    let cursor: string | undefined;
    let walked = 0;
    let pages = 0;
    do {
      const page = await timed('/v1/reports/monthly', `/v1/reports/monthly?month=2026-03${cursor ? `&cursor=${cursor}` : ''}`);
      walked += page.ms;
      pages += 1;
      cursor = (page.body as MonthlyReport).nextCursor;
    } while (cursor !== undefined);
    print(`every page, one after the other (${pages} pages)`, run, walked);
    print('totals', run, (await timed('/v1/reports/monthly/totals', '/v1/reports/monthly/totals?month=2026-03')).ms);
  }
  await served.stop();
  app.destroy();
} finally {
  await stack.stop();
}

function listing(owner: ReturnType<typeof tenantScope>, date: string, noteId: string) {
  return { gsi1pk: ownerListing(owner), gsi1sk: listingSortKey(date, noteId) };
}
