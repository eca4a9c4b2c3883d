/** Where the runbooks live in the repository; each kind of alarm or alert has `<kind>.md` there. */
export const RUNBOOKS_FOLDER = 'docs/runbooks';

/**
 * One runbook per kind of alarm, whatever the component: every service's `quarantined` alarm
 * links the same page. A catalog paging counter (`reconciler_gave_up`) is its own kind, named
 * by `pagingCounterRunbook`. The cloud's alarms and the local monitor's alerts use these names,
 * so both link the same page.
 */
export type RunbookKind =
  | 'component-paged'
  | 'message-quarantined'
  | 'queue-lagging'
  | 'breaker-open'
  | 'heartbeat-missing'
  | 'dead-letters-unswept'
  | 'service-scaling'
  | 'api-server-errors'
  | 'api-slow'
  | 'function-throttled'
  | 'function-errors'
  | 'stream-lagging'
  | 'stream-batches-failing'
  | 'stream-records-given-up'
  | 'process-exited'
  | `counter-${string}`;

export const pagingCounterRunbook = (counter: string): RunbookKind => `counter-${counter.replaceAll('_', '-')}`;

/** The runbook's path in the repository, or its address under `baseUrl` (the repository's web address for its files). */
export function runbookLink(kind: string, baseUrl?: string): string {
  const path = `${RUNBOOKS_FOLDER}/${kind}.md`;
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${path}` : path;
}
