export interface RestartPolicy {
  /** Delay before the first restart. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** A process that ran at least this long is considered healthy: its next crash starts over. */
  readonly stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 30_000 };

/** Exponential delay before restart number `consecutiveCrashes` (1 for the first), as ECS does. */
export function restartDelayMs(policy: RestartPolicy, consecutiveCrashes: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, consecutiveCrashes - 1));
}
