import { readAuditTrail } from '@ndf/audit-records';
import { canReadNote, type AuditTrailView } from '@ndf/contracts';
import { json, notFound } from '@ndf/http-api';
import { auditEntryView } from '../data/views.js';
import type { AuthorizedContext } from './route.js';

/** The note's audit trail, for whoever may read the note (its owner, the tenant's approvers, accountants and admins). */
export async function getNoteAuditTrail(context: AuthorizedContext) {
  const { deps, scope, signal } = context;
  const noteId = context.pathParameters.id!;
  const note = await context.decisions.note(scope, noteId, signal);
  if (!canReadNote(scope, note)) throw notFound('This note');
  const records = await readAuditTrail(deps.s3, deps.config.auditBucketName, scope, note, signal);
  const trail: AuditTrailView = { noteId, records: records.map(auditEntryView) };
  return json(200, trail);
}
