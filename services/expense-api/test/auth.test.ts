import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

// Every answer below goes through the gateway stand-in and is checked against the expense API's
// OpenAPI document (status declared for the operation, body matching its schema).

let expense: ExpenseUnderTest;

beforeAll(async () => {
  expense = await startExpense('expense-auth-');
  await expense.putApproval({ tenant: 'acme', approver: 'carol', requestedAt: '2026-03-02T08:00:00.000Z', merchant: 'acme for carol' });
  await expense.putApproval({ tenant: 'acme', approver: 'dave', requestedAt: '2026-03-02T08:00:00.000Z', merchant: 'acme for dave' });
  await expense.putApproval({ tenant: 'globex', approver: 'carol', requestedAt: '2026-03-02T09:00:00.000Z', merchant: 'globex for carol' });
});
afterAll(async () => expense?.stop());

const approvals = (token: string | undefined) => expense.call('GET', '/v1/approvals', '/v1/approvals', { token });
const merchantsOf = (answer: { body: unknown }) => (answer.body as { items: { merchant: string }[] }).items.map((item) => item.merchant);

describe('authentication', () => {
  it('answers 401 before the handler without a token, with one that is not a JWT, or with a forged tenant', async () => {
    const good = await expense.token({ user: 'carol', roles: ['approver'] });
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'custom:tenant': 'globex' })).toString('base64url')}.${signature}`;
    const before = expense.metricLines.length;
    for (const token of [undefined, 'not-a-jwt', forged]) {
      const answer = await approvals(token);
      expect({ token, status: answer.status, body: answer.body }).toEqual({ token, status: 401, body: { message: 'Unauthorized' } });
    }
    // The gateway refused them: the handler never ran.
    expect(expense.metricLines.length).toBe(before);
  });

  it('serves health and its own OpenAPI document without a token', async () => {
    expect(await expense.call('GET', '/v1/health', '/v1/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { dynamodb: { ok: true } } },
    });
    const document = await expense.call('GET', '/v1/openapi.json', '/v1/openapi.json');
    expect(document.body).toMatchObject({ openapi: '3.1.0', info: { title: expect.stringContaining('expense API') } });
    const paths = Object.keys((document.body as { paths: object }).paths);
    expect(paths).toContain('/v1/approvals');
    expect(paths).not.toContain('/v1/notes');
  });
});

describe('roles', () => {
  it('answers 403 problem+json, naming the role, to a caller without the approver role: never an empty queue', async () => {
    for (const roles of [['employee'], ['accountant'], ['admin'], ['employee', 'accountant', 'admin']]) {
      const answer = await approvals(await expense.token({ user: 'carol', roles }));
      expect({ roles, status: answer.status }).toEqual({ roles, status: 403 });
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('approver') });
    }
  });

  it("answers 403 to an operator's token and to a token that grants no role", async () => {
    const operator = await approvals(await expense.token({ user: 'oncall', roles: ['operator'] }));
    expect(operator).toMatchObject({ status: 403, body: { code: 'forbidden', detail: expect.stringContaining('operator') } });
    expect(await approvals(await expense.token({ user: 'carol', roles: [] }))).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });

  it('answers an approver, whatever other roles the token grants', async () => {
    const answer = await approvals(await expense.token({ user: 'carol', roles: ['employee', 'approver'] }));
    expect(answer.status).toBe(200);
    expect(merchantsOf(answer)).toEqual(['acme for carol']);
  });
});

describe('tenants and users', () => {
  it("shows each approver their own queue in their own tenant: never another approver's, never another tenant's", async () => {
    const acmeCarol = await approvals(await expense.token({ tenant: 'acme', user: 'carol', roles: ['approver'] }));
    const acmeDave = await approvals(await expense.token({ tenant: 'acme', user: 'dave', roles: ['approver'] }));
    const globexCarol = await approvals(await expense.token({ tenant: 'globex', user: 'carol', roles: ['approver', 'admin'] }));
    const initechCarol = await approvals(await expense.token({ tenant: 'initech', user: 'carol', roles: ['approver'] }));
    expect(merchantsOf(acmeCarol)).toEqual(['acme for carol']);
    expect(merchantsOf(acmeDave)).toEqual(['acme for dave']);
    expect(merchantsOf(globexCarol)).toEqual(['globex for carol']);
    expect(initechCarol.body).toEqual({ items: [] });
  });
});
