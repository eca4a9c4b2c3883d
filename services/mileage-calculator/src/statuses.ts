import type { NoteItem, NoteStatus } from '@ndf/contracts';

/** Notes whose trips no longer count in the year: refused by an approver, or deleted drafts. */
export const LEFT_OUT_STATUSES: readonly NoteItem['status'][] = ['rejected', 'deleted'];

/**
 * Notes whose figures are frozen (from approval on, as for every check): their stage is never
 * rewritten; what their allowance would be now goes into the year's adjustment instead.
 */
export const FROZEN_STATUSES: readonly NoteStatus[] = ['approved', 'batched', 'paid'];
