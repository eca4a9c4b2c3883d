import { expenseApiDocument } from '@ndf/contracts';
import {
  authorized,
  createHttpApi,
  healthRoute,
  open,
  openApiRoute,
  tableWriteProbe,
  type HttpHandler,
  type Resource,
} from '@ndf/http-api';
import { API_NAME } from './config.js';
import { ApprovalQueue } from './data/approval-queue.js';
import { CardTransactions } from './data/card-transactions.js';
import { importCardStatement } from './routes/import-card-statement.js';
import { listCardTransactions } from './routes/list-card-transactions.js';
import { listApprovals } from './routes/list-approvals.js';
import type { ExpenseDependencies, RouteContext } from './routes/route.js';
import { buildValidators } from './validation/contract.js';

const resourcesOf = (deps: ExpenseDependencies): readonly Resource<RouteContext>[] => [
  { pattern: /^\/approvals$/, template: '/approvals', methods: { GET: authorized(listApprovals) } },
  { pattern: /^\/card-statements$/, template: '/card-statements', methods: { POST: authorized(importCardStatement) } },
  { pattern: /^\/card-transactions$/, template: '/card-transactions', methods: { GET: authorized(listCardTransactions) } },
  { pattern: /^\/openapi\.json$/, template: '/openapi.json', methods: { GET: open(openApiRoute(expenseApiDocument)) } },
  {
    pattern: /^\/health$/,
    template: '/health',
    methods: {
      GET: open(
        healthRoute({
          probes: { dynamodb: tableWriteProbe(deps.dynamodb, deps.config.tableName) },
          cacheMs: deps.config.healthCacheMs,
          clock: deps.clock,
          log: deps.log,
        }),
      ),
    },
  },
];

export type ExpenseHandler = HttpHandler;

/** The expense API: its routes over the platform's HTTP API pieces (@ndf/http-api). */
export function createExpenseApi(deps: ExpenseDependencies): ExpenseHandler {
  const validators = buildValidators(deps.contract);
  const approvals = new ApprovalQueue(deps.dynamodb, deps.config.tableName);
  const cards = new CardTransactions(deps.dynamodb, deps.config.tableName);
  return createHttpApi<RouteContext>({
    name: API_NAME,
    basePath: deps.config.basePath,
    deadlineMs: deps.config.deadlineMs,
    resources: resourcesOf(deps),
    context: (request) => ({ ...request, deps, validators, approvals, cards }),
    dependencies: 'DynamoDB',
    clock: deps.clock,
    log: deps.log,
    metrics: deps.metrics,
  });
}
