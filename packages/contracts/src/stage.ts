/**
 * pending: seen, not done; succeeded: done, `outcome` says what it found; refused: the input
 * cannot be handled (a normal outcome, `reason` is shown to the user); failed: given up after
 * retries (quarantined), `reason` says why.
 */
export const STAGE_STATUSES = ['pending', 'succeeded', 'refused', 'failed'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** One service's processing state, as GET /v1/notes/{id} shows it. */
export interface StageView {
  readonly service: string;
  readonly status: StageStatus;
  /** Set when the stage is about one receipt of the note. */
  readonly receiptId?: string;
  /** For a stage about a note: the version of the note it was computed from (a later version may not be computed yet). */
  readonly noteVersion?: number;
  readonly code?: string;
  readonly reason?: string;
  readonly outcome?: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}
