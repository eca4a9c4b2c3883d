import type { ProblemCode } from '@ndf/contracts';
import { etagOf, notFound, ProblemError } from '@ndf/http-api';
import type { Refusal } from '@ndf/note-workflow';

/** The answer to a transition the note refuses as it stands: 403 for who the caller is, 409 with the reason for where the note is. */
export function refusalProblem(refusal: Refusal): ProblemError {
  if (refusal.httpStatus === 404) return notFound('This note');
  if (refusal.httpStatus === 403) return new ProblemError(403, 'forbidden', refusal.reason);
  // wrong_status, locked, already_decided, wrong_level: each a problem code of its own.
  return new ProblemError(409, refusal.code as ProblemCode, refusal.reason);
}

/** 412: the caller decided on another version than the note's, which the ETag gives. */
export function versionMismatch(current: number, expected: number | undefined): ProblemError {
  return new ProblemError(
    412,
    'version_mismatch',
    `The note is at version ${current}, not ${String(expected)}: read it again.`,
    undefined,
    { etag: etagOf(current) },
  );
}

export const idempotencyConflict = (): ProblemError =>
  new ProblemError(
    409,
    'idempotency_conflict',
    'This Idempotency-Key was already used for another request on this note: use a new key for another request.',
  );
