/** The steps of one run, in their order; a failure names the one that failed. */
export const CANARY_STEPS = ['token', 'create-note', 'ask-upload', 'upload', 'fields', 'check', 'clean-up'] as const;
export type CanaryStep = (typeof CANARY_STEPS)[number];

/** Why a run failed: at which step, with the HTTP status and correlation id of the request that failed, when there was one. */
export class CanaryStepFailure extends Error {
  override readonly name = 'CanaryStepFailure';

  constructor(
    readonly step: CanaryStep,
    message: string,
    readonly status?: number,
    readonly correlationId?: string,
  ) {
    super(message);
  }
}
