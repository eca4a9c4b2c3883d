// The records' shape, keys and reading live in @ndf/audit-records, which the expense API reads the trail with too.
export {
  appendRecord,
  auditPrefix,
  auditRecordOf,
  readAuditTrail,
  type AuditActor,
  type AuditRecord,
  type FieldChange,
} from '@ndf/audit-records';
