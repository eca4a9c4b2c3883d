export type { AttemptFailure, QuarantineEntry, QuarantineSink, QuarantineSource } from './quarantine-entry.js';
export type {
  AuditEvent,
  DiscardOptions,
  Operator,
  QuarantineListOptions,
  QuarantinePage,
  QuarantineRecord,
  QuarantineStatus,
  QuarantineSummary,
  ReplayOptions,
  ReplayResult,
} from './quarantine-record.js';
export { AuditEntryExistsError, OperatorRequiredError, QuarantineNotFoundError, QuarantineStateError } from './quarantine-errors.js';
export { QuarantineAudit, requireOperator } from './quarantine-audit.js';
export { DynamoQuarantineStore, type DynamoQuarantineStoreOptions } from './dynamo-quarantine-store.js';
export { platformQuarantine } from './platform-quarantine.js';
export { sweepDeadLetterQueue, sweepOnce, type SweepOptions } from './dlq-sweeper.js';
export { QUARANTINE_STATUSES, matchesSearch, searchQuarantine, type QuarantineSearch } from './quarantine-search.js';
export { tenantOfPayload } from './quarantine-tenant.js';
