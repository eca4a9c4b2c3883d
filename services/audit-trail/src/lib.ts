export { auditRecordOf, type AuditActor, type AuditRecord, type FieldChange } from './audit-record.js';
export { auditPrefix, readAuditTrail } from './audit-store.js';
