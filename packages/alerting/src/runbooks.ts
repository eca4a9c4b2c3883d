import type { RunbookKind } from '@ndf/catalog';

/** The runbook of each kind of alert: the same kinds, and so the same pages, as the cloud's alarms. */
export type RunbookId = RunbookKind;
