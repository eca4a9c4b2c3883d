export { auditRecordOf, type AuditActor, type AuditRecord, type FieldChange } from './audit-record.js';
export { appendRecord, auditObjectKey, auditPrefix, readAuditTrail, readRecords, storedRecord } from './audit-store.js';
