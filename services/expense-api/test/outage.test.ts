import { API_METRIC } from '@ndf/catalog';
import { startFaultProxy, type FaultProxy } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAME } from '../src/config.js';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

let expense: ExpenseUnderTest;
let proxy: FaultProxy;
let token: string;

beforeAll(async () => {
  // The handler reaches DynamoDB through a proxy whose faults the tests switch; health probes every time.
  expense = await startExpense('expense-outage-', {
    config: { healthCacheMs: 0 },
    dynamodbEndpoint: async (stack) => {
      proxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
      return proxy.endpoint;
    },
  });
  token = await expense.token({ user: 'carol', roles: ['approver'] });
});
afterAll(async () => {
  await expense?.stop();
  await proxy?.stop();
});

describe('when DynamoDB fails', () => {
  it('answers 503 with Retry-After, counted as a server error of the expense API in its metrics line', async () => {
    for (const mode of ['hang', 'http-500', 'refuse'] as const) {
      proxy.setFault({ mode });
      const before = expense.metricLines.length;
      const answer = await expense.call('GET', '/v1/approvals', '/v1/approvals', { token });
      expect({ mode, status: answer.status, body: answer.body }).toMatchObject({
        mode,
        status: 503,
        body: { code: expect.stringMatching(/^(deadline_exceeded|dependency_unavailable)$/) },
      });
      expect(answer.headers.get('retry-after')).toBe('1');
      const lines = expense.metricLines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([
        expect.objectContaining({ Api: API_NAME, [API_METRIC.serverErrors]: 1, status: 503, route: 'GET /v1/approvals' }),
      ]);
    }
    proxy.setFault({ mode: 'pass' });
    expect((await expense.call('GET', '/v1/approvals', '/v1/approvals', { token })).status).toBe(200);
  });

  it('reports itself degraded in health while DynamoDB hangs, and up again after', async () => {
    proxy.setFault({ mode: 'hang' });
    const down = await expense.call('GET', '/v1/health', '/v1/health');
    expect(down).toMatchObject({ status: 503, body: { status: 'degraded', checks: { dynamodb: { ok: false } } } });
    proxy.setFault({ mode: 'pass' });
    expect(await expense.call('GET', '/v1/health', '/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
