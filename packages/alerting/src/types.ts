import type { RunbookId } from './runbooks.js';

/** How a rule compares what was seen with its threshold. */
export type Comparison = 'above' | 'at-least' | 'below';

/**
 * One condition watched on one component (a service, a router, an API, the canary). Like a
 * CloudWatch alarm with datapoints-to-alarm: it fires once its condition has held `forMs`,
 * and counts as clear once it has been false `clearMs`.
 */
export interface AlertRule {
  /** `<component> <runbook>`: unique in a rule set. */
  readonly id: string;
  readonly component: string;
  readonly runbook: RunbookId;
  /** What it means, for a person: "format-sniffer started a message older than 120 s". */
  readonly summary: string;
  /** The metric the monitor reads for it (the names of @ndf/catalog's observability). */
  readonly metric: string;
  readonly comparison: Comparison;
  readonly threshold: number;
  /** Whether a metric nobody reports is itself the incident (a heartbeat that stops). */
  readonly missingIsBreaching: boolean;
  readonly forMs: number;
  readonly clearMs: number;
}

/** What the monitor saw of one rule at one time: its condition true or false, and why. */
export interface RuleEvaluation {
  readonly ruleId: string;
  readonly breaching: boolean;
  /** What was seen, for a person: "oldest message 184 s". */
  readonly seen?: string;
  /** Requests, notes or receipts involved (from quarantined items, error lines). */
  readonly correlationIds?: readonly string[];
}

/** One observation kept on an alert. */
export interface Evidence {
  readonly at: number;
  /** When this rule's condition was first seen true, in the streak that made it fire. */
  readonly since: number;
  readonly ruleId: string;
  readonly runbook: RunbookId;
  readonly seen?: string;
}

/** One incident of one component, from its first firing rule until every rule is clear. */
export interface Alert {
  readonly id: string;
  readonly component: string;
  /** The runbook of the rule that opened it. */
  readonly runbook: RunbookId;
  /** When its first rule's condition was first seen true. */
  readonly since: number;
  readonly openedAt: number;
  readonly resolvedAt?: number;
  /** The rules that have fired during the incident, in order. */
  readonly ruleIds: readonly string[];
  readonly runbooks: readonly RunbookId[];
  /** The latest observations, newest last, at most MAX_EVIDENCE. */
  readonly evidence: readonly Evidence[];
  /** Distinct ids involved, first seen first, at most MAX_CORRELATION_IDS. */
  readonly correlationIds: readonly string[];
}

export type AlertEventKind = 'opened' | 'updated' | 'resolved';

export interface AlertEvent {
  readonly kind: AlertEventKind;
  readonly at: number;
  /** The alert as it stands after the event (a copy: later events do not change it). */
  readonly alert: Alert;
}
