/** Every kind of alert, each with its runbook (`docs/runbooks/<id>.md`). */
export const RUNBOOK_IDS = [
  'queue-age',
  'quarantined',
  'breaker-open',
  'heartbeat-missing',
  'api-5xx',
  'api-p99',
  'reconciler-gave-up',
  'canary-failing',
  'stalled-receipt',
] as const;

export type RunbookId = (typeof RUNBOOK_IDS)[number];

export function isRunbookId(candidate: string): candidate is RunbookId {
  return (RUNBOOK_IDS as readonly string[]).includes(candidate);
}
