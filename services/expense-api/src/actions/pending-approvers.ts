import type { ApprovalItem, NoteItem } from '@ndf/contracts';
import { ProblemError } from '@ndf/http-api';

/**
 * Who may decide the level the note is at, when the approval workflow has named them (its
 * APPROVAL items for that level); undefined when it has named nobody, and any approver may.
 */
export function pendingApprovers(note: Pick<NoteItem, 'approvalLevel'>, approvals: readonly ApprovalItem[]): readonly string[] | undefined {
  const level = note.approvalLevel ?? 1;
  const named = approvals.filter((approval) => approval.level === level).map((approval) => approval.approver);
  return named.length > 0 ? named : undefined;
}

/** The 403 of an approver the workflow did not name for the note's current level; undefined when they may decide. */
export function approverRefusal(
  note: Pick<NoteItem, 'approvalLevel'>,
  approvals: readonly ApprovalItem[],
  user: string,
): ProblemError | undefined {
  const named = pendingApprovers(note, approvals);
  if (named === undefined || named.includes(user)) return undefined;
  return new ProblemError(
    403,
    'forbidden',
    `Level ${note.approvalLevel ?? 1} of this note is for ${[...named].sort().join(', ')} to decide, not ${user}.`,
  );
}
