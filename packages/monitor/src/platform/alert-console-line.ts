import { runbookLink } from '@ndf/catalog';
import type { AlertEvent } from '@ndf/alerting';

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** One console line per alert event: what happened to which component, what was seen, since when, the ids, the runbook. */
export function alertConsoleLine({ kind, alert, at }: AlertEvent): string {
  const latest = alert.evidence.at(-1);
  const parts = [
    `alert ${kind}`,
    alert.component,
    latest?.runbook ?? alert.runbook,
    kind === 'resolved' ? `after ${Math.round((at - alert.since) / 1000)} s` : `since ${time(alert.since)}`,
    ...(latest?.seen && kind !== 'resolved' ? [`seen="${latest.seen}"`] : []),
    ...(alert.correlationIds.length > 0 ? [`ids=${alert.correlationIds.join(',')}`] : []),
    `runbook=${runbookLink(latest?.runbook ?? alert.runbook)}`,
  ];
  return parts.join(' ');
}
