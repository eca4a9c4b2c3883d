import type { ApiEntry } from './types.js';

// The HTTP APIs (Lambda behind API Gateway in the cloud). Each is served locally by the
// adapter that builds API Gateway's events.
export const apis: readonly ApiEntry[] = [
  {
    name: 'ingest-api',
    description: 'The critical ingest path: mobile apps submit notes and ask for receipt uploads. Needs only DynamoDB and S3.',
    basePath: '/v1',
    localPort: 8080,
    deadlineMs: 3_000,
    maxBodyBytes: 1024 * 1024,
    tables: ['notes'],
    buckets: ['receipts'],
    publicRoutes: ['GET /health', 'GET /openapi.json'],
    throttle: { ratePerSecond: 500, burst: 1_000 },
    publicThrottle: { ratePerSecond: 20, burst: 40 },
    reservedConcurrency: 100,
  },
  {
    name: 'expense-api',
    description:
      "The expense lifecycle past the ingest path: approvers' queues, then submission, decisions, reports, settings, reimbursement batches, the reference rates, a note's audit trail. Needs DynamoDB and S3 (the batches' SEPA files, the audit bucket read only).",
    basePath: '/v1',
    localPort: 8081,
    deadlineMs: 3_000,
    maxBodyBytes: 256 * 1024,
    // The reference table: the daily exchange rates an admin loads (its RATES# partitions only).
    tables: ['notes', 'reference'],
    // An accountant's batch on demand runs the batcher's steps in the request: the tenant's payable notes and mileage
    // differences are read from their sharded cross-tenant partitions, as the reimbursement batcher reads them.
    indexes: [{ table: 'notes', index: 'gsi1', partitions: ['PAYABLE#*', 'MILEAGE_DUE#*'] }],
    buckets: ['exports', 'audit'],
    publicRoutes: ['GET /health', 'GET /openapi.json'],
    throttle: { ratePerSecond: 200, burst: 400 },
    publicThrottle: { ratePerSecond: 20, burst: 40 },
    reservedConcurrency: 50,
  },
  // new APIs are added above this line
];
