export type { AttemptFailure, QuarantineEntry, QuarantineSink, QuarantineSource } from './quarantine-entry.js';
export type {
  AuditEvent,
  DiscardOptions,
  QuarantineListOptions,
  QuarantinePage,
  QuarantineRecord,
  QuarantineStatus,
  QuarantineSummary,
  ReplayOptions,
  ReplayResult,
} from './quarantine-record.js';
export { QuarantineNotFoundError, QuarantineStateError } from './quarantine-errors.js';
export { DynamoQuarantineStore, type DynamoQuarantineStoreOptions } from './dynamo-quarantine-store.js';
export { sweepDeadLetterQueue, sweepOnce, type SweepOptions } from './dlq-sweeper.js';
