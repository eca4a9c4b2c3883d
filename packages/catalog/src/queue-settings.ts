import type { ServiceEntry } from './types.js';

export interface QueueSettings {
  readonly visibilityTimeoutSeconds: number;
  readonly receiveWaitTimeSeconds: number;
  readonly messageRetentionSeconds: number;
  readonly maxReceiveCount: number;
  readonly deadLetterRetentionSeconds: number;
}

const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;
const MAX_VISIBILITY_SECONDS = 12 * 3600;

/**
 * Queue settings derived from a service's limits, used alike by the local stack and the CDK
 * app. The visibility timeout leaves room for the deadline plus the in-process retries of
 * short blips; the runtime extends it while a handler runs, so it need not cover the worst case.
 */
export function queueSettings(service: ServiceEntry): QueueSettings {
  const deadlineSeconds = Math.ceil(service.limits.deadlineMs / 1000);
  return {
    visibilityTimeoutSeconds: Math.min(MAX_VISIBILITY_SECONDS, Math.max(30, deadlineSeconds * 2 + 10)),
    receiveWaitTimeSeconds: 20,
    messageRetentionSeconds: FOUR_DAYS,
    maxReceiveCount: service.limits.maxAttempts,
    deadLetterRetentionSeconds: FOURTEEN_DAYS,
  };
}
