import { canReadNote, type NoteItem, type NoteStatus, type TenantScope } from '@ndf/contracts';
import { notFound, ProblemError } from '@ndf/http-api';

/** Why the owner's change of their note, allowed in `statuses`, was refused, from the note as it is now. */
export function refusal(
  scope: TenantScope,
  current: NoteItem | undefined,
  expectedVersion: number | undefined,
  statuses: readonly NoteStatus[],
): ProblemError {
  if (!canReadNote(scope, current)) return notFound('This note');
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
