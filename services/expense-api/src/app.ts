import { expenseApiDocument, SETTINGS_DOCUMENT_NAMES } from '@ndf/contracts';
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
import { DecisionStore } from './data/decision-state.js';
import { AdvanceRecords } from './data/advances.js';
import { BatchRecords } from './data/batches.js';
import { CardTransactions } from './data/card-transactions.js';
import { MonthNotes } from './data/month-notes.js';
import { listAdvances, recordAdvance } from './routes/advances.js';
import { confirmPaid, createBatch, getBatch, getBatchFile, listBatches } from './routes/batches.js';
import { importCardStatement } from './routes/import-card-statement.js';
import { listApprovals } from './routes/list-approvals.js';
import { listCardTransactions } from './routes/list-card-transactions.js';
import { loadReferenceRates } from './routes/load-rates.js';
import { getMonthlyReport } from './routes/monthly-report.js';
import { getMonthlyTotals } from './routes/monthly-totals.js';
import { getNoteAuditTrail } from './routes/note-audit.js';
import { approveNote, rejectNote, requestNoteChanges, submitNote, withdrawNote } from './routes/note-actions.js';
import type { AuthorizedRoute, ExpenseDependencies, RouteContext } from './routes/route.js';
import { getSettings, listSettings, putSettings } from './routes/settings.js';
import { buildValidators } from './validation/contract.js';

const NOTE_ID = '(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

const noteAction = (name: string, route: AuthorizedRoute): Resource<RouteContext> => ({
  pattern: new RegExp(`^/notes/${NOTE_ID}/${name}$`),
  template: `/notes/{id}/${name}`,
  methods: { POST: authorized(route) },
});

const BATCH_ID = '(?<batchId>[0-9]{4}-[0-9]{2}-[0-9]+)';

const resourcesOf = (deps: ExpenseDependencies): readonly Resource<RouteContext>[] => [
  { pattern: /^\/approvals$/, template: '/approvals', methods: { GET: authorized(listApprovals) } },
  noteAction('submit', submitNote),
  noteAction('withdraw', withdrawNote),
  noteAction('approve', approveNote),
  noteAction('reject', rejectNote),
  noteAction('request-changes', requestNoteChanges),
  { pattern: new RegExp(`^/notes/${NOTE_ID}/audit$`), template: '/notes/{id}/audit', methods: { GET: authorized(getNoteAuditTrail) } },
  { pattern: /^\/reports\/monthly$/, template: '/reports/monthly', methods: { GET: authorized(getMonthlyReport) } },
  { pattern: /^\/reports\/monthly\/totals$/, template: '/reports/monthly/totals', methods: { GET: authorized(getMonthlyTotals) } },
  { pattern: /^\/settings$/, template: '/settings', methods: { GET: authorized(listSettings) } },
  {
    pattern: new RegExp(`^/settings/(?<document>${SETTINGS_DOCUMENT_NAMES.join('|')})$`),
    template: '/settings/{document}',
    methods: { GET: authorized(getSettings), PUT: authorized(putSettings) },
  },
  { pattern: /^\/card-statements$/, template: '/card-statements', methods: { POST: authorized(importCardStatement) } },
  { pattern: /^\/card-transactions$/, template: '/card-transactions', methods: { GET: authorized(listCardTransactions) } },
  { pattern: /^\/batches$/, template: '/batches', methods: { GET: authorized(listBatches), POST: authorized(createBatch) } },
  { pattern: new RegExp(`^/batches/${BATCH_ID}$`), template: '/batches/{batchId}', methods: { GET: authorized(getBatch) } },
  { pattern: new RegExp(`^/batches/${BATCH_ID}/file$`), template: '/batches/{batchId}/file', methods: { GET: authorized(getBatchFile) } },
  { pattern: new RegExp(`^/batches/${BATCH_ID}/paid$`), template: '/batches/{batchId}/paid', methods: { POST: authorized(confirmPaid) } },
  { pattern: /^\/advances$/, template: '/advances', methods: { GET: authorized(listAdvances), POST: authorized(recordAdvance) } },
  { pattern: /^\/reference-rates$/, template: '/reference-rates', methods: { POST: authorized(loadReferenceRates) } },
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
  const decisions = new DecisionStore(deps.dynamodb, deps.config.tableName);
  const cards = new CardTransactions(deps.dynamodb, deps.config.tableName);
  const batches = new BatchRecords(deps.dynamodb, deps.config.tableName);
  const advances = new AdvanceRecords(deps.dynamodb, deps.config.tableName);
  const monthNotes = new MonthNotes(deps.dynamodb, deps.config.tableName);
  return createHttpApi<RouteContext>({
    name: API_NAME,
    basePath: deps.config.basePath,
    document: expenseApiDocument,
    deadlineMs: deps.config.deadlineMs,
    resources: resourcesOf(deps),
    context: (request) => ({ ...request, deps, validators, approvals, decisions, cards, batches, advances, monthNotes }),
    dependencies: 'DynamoDB or S3',
    clock: deps.clock,
    log: deps.log,
    metrics: deps.metrics,
  });
}
