import { TENANT_READER_ROLES, type NoteItem, type NoteStatus, type TenantScope } from '@ndf/contracts';
import { notFound, ProblemError } from '@ndf/http-api';

/** An employee sees only their own notes; approvers, accountants and admins every note of their tenant. */
export function canRead(scope: TenantScope, note: NoteItem | undefined): note is NoteItem {
  if (!note || note.status === 'deleted') return false;
  return note.owner === scope.user || scope.roles.some((role) => TENANT_READER_ROLES.includes(role));
}

/** Why the owner's change of their note, allowed in `statuses`, was refused, from the note as it is now. */
export function refusal(
  scope: TenantScope,
  current: NoteItem | undefined,
  expectedVersion: number | undefined,
  statuses: readonly NoteStatus[],
): ProblemError {
  if (!canRead(scope, current)) return notFound('This note');
  if (current.owner !== scope.user) return new ProblemError(403, 'forbidden', "Only the note's owner may change it.");
  if (current.status === 'deleted' || !statuses.includes(current.status))
    return new ProblemError(
      409,
      'not_editable',
      `The note is ${current.status}: this change is possible only while it is ${statuses.join(' or ')}.`,
    );
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    return new ProblemError(
      412,
      'version_mismatch',
      `The note is at version ${current.version}, not ${expectedVersion}: read it again.`,
      undefined,
      { etag: `"${current.version}"` },
    );
  }
  return new ProblemError(409, 'not_editable', 'The note cannot be changed now.');
}

/** A version from If-Match: `"3"`, `W/"3"` or `3`. */
export function versionFromIfMatch(header: string | undefined): number | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : 'invalid';
}
