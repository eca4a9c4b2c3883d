import { runbookLink, type RunbookKind } from '@ndf/catalog';

export { RUNBOOKS_FOLDER, pagingCounterRunbook, runbookLink, type RunbookKind } from '@ndf/catalog';

/** An alarm's description: what it saw, then where its runbook is. */
export const describeAlarm = (what: string, kind: RunbookKind, baseUrl?: string): string =>
  `${what}. Runbook: ${runbookLink(kind, baseUrl)}`;
