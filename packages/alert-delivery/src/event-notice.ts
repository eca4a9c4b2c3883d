import type { AlertEvent, AlertEventKind, Evidence } from '@ndf/alerting';
import { runbookLink } from '@ndf/catalog';
import type { AlertNotice, NoticeState, SeeMore } from './notice.js';

/** Where a notice points the on-call engineer to. */
export interface NoticeLinks {
  /** The repository's web address for its files; without it, runbooks are named by their path. */
  readonly runbookBaseUrl?: string | undefined;
  /** The ops console's address. */
  readonly consoleUrl?: string | undefined;
}

const STATES: Record<AlertEventKind, NoticeState> = { opened: 'firing', updated: 'updated', resolved: 'resolved' };

/** The newest observation of each rule, newest first, as "<runbook>: <what was seen>". */
function seenOf(evidence: readonly Evidence[]): string[] {
  const newestPerRule = new Map<string, Evidence>();
  for (const item of evidence) newestPerRule.set(item.ruleId, item);
  return [...newestPerRule.values()].reverse().map((item) => (item.seen ? `${item.runbook}: ${item.seen}` : item.runbook));
}

function seeMoreOf(event: AlertEvent, links: NoticeLinks): SeeMore[] {
  const { alert } = event;
  return [
    { command: 'npm run ops -- alerts' },
    ...(alert.runbooks.includes('message-quarantined') ? [{ command: `npm run ops -- quarantine list --service ${alert.component}` }] : []),
    ...(links.consoleUrl ? [{ link: links.consoleUrl }] : []),
  ];
}

/** An event of the monitor's AlertBook as a notice for people. */
export function noticeOfEvent(event: AlertEvent, links: NoticeLinks = {}): AlertNotice {
  const { alert } = event;
  return {
    state: STATES[event.kind],
    component: alert.component,
    seen: seenOf(alert.evidence),
    since: alert.since,
    at: event.at,
    ...(alert.resolvedAt === undefined ? {} : { resolvedAt: alert.resolvedAt }),
    correlationIds: alert.correlationIds,
    runbooks: alert.runbooks.map((name) => ({ name, url: runbookLink(name, links.runbookBaseUrl) })),
    seeMore: seeMoreOf(event, links),
  };
}
