import type { Problem } from '@ndf/contracts';
import type { Answer } from '@ndf/http-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

// Every answer is checked against the expense API's document by expense.call.
let expense: ExpenseUnderTest;
let admin: string;
let accountant: string;

beforeAll(async () => {
  expense = await startExpense('expense-settings-');
  admin = await expense.token({ tenant: 'acme', user: 'ada', roles: ['employee', 'admin'] });
  accountant = await expense.token({ tenant: 'acme', user: 'erin', roles: ['employee', 'accountant'] });
});
afterAll(async () => expense?.stop());

const approvers = {
  currency: 'EUR',
  teams: [{ name: 'sales', members: ['alice', 'bob'] }],
  levels: [
    { name: 'manager', rules: [{ teams: ['sales'], approvers: ['carol'] }] },
    { name: 'finance', rules: [{ above: '500.00', approvers: ['dave'] }] },
  ],
  delegations: [{ from: 'carol', to: 'dave', start: '2026-08-01', end: '2026-08-21' }],
  reminderAfterDays: 3,
  escalateAfterDays: 7,
};
const policy = { currency: 'EUR', rules: [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perDay: '25.00' }] };

const getAll = (token: string) => expense.call('GET', '/v1/settings', '/v1/settings', { token });
const get = (document: string, token: string) => expense.call('GET', '/v1/settings/{document}', `/v1/settings/${document}`, { token });
const put = (document: string, token: string, body: unknown, version?: number) =>
  expense.call('PUT', '/v1/settings/{document}', `/v1/settings/${document}`, {
    token,
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
const problem = (answer: Answer) => answer.body as Problem;

describe("a tenant's settings", () => {
  it('shows every document with its version, the defaults at version 0 before any write, to admins and accountants', async () => {
    const token = await expense.token({ tenant: 'initech', user: 'ivy', roles: ['accountant'] });
    const all = await getAll(token);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      policy: { document: 'policy', version: 0, value: { currency: 'EUR', rules: [] } },
      approvers: { document: 'approvers', version: 0, value: { teams: [], levels: [] } },
      categories: { document: 'categories', version: 0 },
    });
    const categories = await get('categories', token);
    expect([categories.status, categories.headers.get('etag')]).toEqual([200, '"0"']);
  });

  it('round-trips a document: written at the version read, read back the same, at its next version', async () => {
    const written = await put('approvers', admin, approvers, 0);
    expect(written.status).toBe(200);
    expect(written.headers.get('etag')).toBe('"1"');
    expect(written.body).toMatchObject({ document: 'approvers', version: 1, value: approvers, updatedBy: 'ada' });
    const read = await get('approvers', accountant);
    expect([read.status, read.headers.get('etag'), read.body]).toEqual([200, '"1"', written.body]);
    expect((await put('policy', admin, policy, 0)).status).toBe(200);
    const again = await put('policy', admin, { ...policy, rules: [] }, 1);
    expect([again.status, again.headers.get('etag')]).toEqual([200, '"2"']);
    expect((await getAll(admin)).body).toMatchObject({
      approvers: { version: 1, value: approvers },
      policy: { version: 2, value: { rules: [] } },
    });
  });

  it('answers 412 with the current ETag to a write from a version since replaced, and 428 without If-Match', async () => {
    const first = await put('categories', admin, { categories: [{ name: 'Taxi', vatCategory: 'taxi' }] }, 0);
    expect(first.status).toBe(200);
    const stale = await put('categories', admin, { categories: [{ name: 'Train', vatCategory: 'train' }] }, 0);
    expect([stale.status, problem(stale).code, stale.headers.get('etag')]).toEqual([412, 'version_mismatch', '"1"']);
    expect(await put('categories', admin, { categories: [] })).toMatchObject({ status: 428, body: { code: 'precondition_required' } });
    expect((await get('categories', admin)).body).toMatchObject({ version: 1, value: { categories: [{ name: 'Taxi' }] } });
  });

  it('refuses a document that breaks its rules with 400, every problem naming its field, and writes nothing', async () => {
    const token = await expense.token({ tenant: 'globex', user: 'gus', roles: ['admin'] });
    const refused = await put(
      'approvers',
      token,
      { ...approvers, teams: [...approvers.teams, { name: 'sales', members: ['chloe'] }], escalateAfterDays: 2 },
      0,
    );
    expect(refused.status).toBe(400);
    expect(problem(refused).errors?.map(({ field, in: where, code }) => `${where} ${field} ${code}`)).toEqual([
      'body /teams/1/name duplicate_name',
      'body /escalateAfterDays escalation_before_reminder',
    ]);
    const policyRefused = await put('policy', token, { currency: 'EUR', rules: [{ kind: 'category_cap', severity: 'block' }] }, 0);
    expect(policyRefused).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', errors: [expect.objectContaining({ in: 'body' })] },
    });
    expect((await get('approvers', token)).body).toMatchObject({ version: 0 });
  });

  it('lets only an admin write, and only admins and accountants read: anyone else gets 403 and nothing changes', async () => {
    const approver = await expense.token({ tenant: 'acme', user: 'carol', roles: ['employee', 'approver'] });
    const employee = await expense.token({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const byAccountant = await put('policy', accountant, policy, 2);
    expect([byAccountant.status, problem(byAccountant).detail]).toEqual([
      403,
      "Changing the tenant's settings needs the role admin; the token grants employee, accountant.",
    ]);
    for (const token of [approver, employee]) {
      expect((await getAll(token)).status).toBe(403);
      expect((await get('policy', token)).status).toBe(403);
      expect((await put('policy', token, policy, 2)).status).toBe(403);
    }
    expect((await get('policy', admin)).body).toMatchObject({ version: 2 });
    expect((await get('taxes', admin)).status).toBe(404);
  });
});
