import type { RunbookId } from './runbooks.js';
import type { Alert, AlertEvent, AlertRule, Evidence, RuleEvaluation } from './types.js';

export const MAX_EVIDENCE = 20;
export const MAX_CORRELATION_IDS = 20;

interface RuleState {
  /** Start of the current streak of true conditions. */
  breachingSince?: number;
  /** Start of the current streak of false conditions. */
  clearSince?: number;
}

interface MutableAlert {
  readonly id: string;
  readonly component: string;
  readonly runbook: RunbookId;
  readonly since: number;
  readonly openedAt: number;
  readonly ruleIds: string[];
  readonly runbooks: RunbookId[];
  evidence: Evidence[];
  readonly correlationIds: string[];
}

export interface AlertBookOptions {
  readonly rules: readonly AlertRule[];
  /** Milliseconds since the epoch: the time of each evaluation given. */
  readonly clock: () => number;
  /** The id of a new incident; by default the component, the time it opened and a sequence number. */
  readonly newIncidentId?: (component: string, openedAt: number) => string;
}

const snapshot = (alert: MutableAlert, resolvedAt?: number): Alert => ({
  ...alert,
  ruleIds: [...alert.ruleIds],
  runbooks: [...alert.runbooks],
  evidence: [...alert.evidence],
  correlationIds: [...alert.correlationIds],
  ...(resolvedAt === undefined ? {} : { resolvedAt }),
});

/**
 * The alerts of the platform, from the evaluations of its rules: one incident per component,
 * opened once when a rule has held its `for`, updated when another rule fires or new ids are
 * involved, resolved once every rule of the component has been false for its `clear`.
 */
export class AlertBook {
  private readonly rules = new Map<string, AlertRule>();
  private readonly states = new Map<string, RuleState>();
  private readonly open = new Map<string, MutableAlert>();
  private readonly newIncidentId: (component: string, openedAt: number) => string;
  private sequence = 0;

  constructor(private readonly options: AlertBookOptions) {
    for (const rule of options.rules) {
      if (this.rules.has(rule.id)) throw new Error(`Two rules have the id "${rule.id}".`);
      this.rules.set(rule.id, rule);
    }
    this.newIncidentId = options.newIncidentId ?? ((component, openedAt) => `${component}-${openedAt}-${++this.sequence}`);
  }

  /** The alerts open now. */
  openAlerts(): Alert[] {
    return [...this.open.values()].map((alert) => snapshot(alert));
  }

  /** Takes one evaluation of a rule, at the clock's time; returns what it changes (often nothing). */
  observe(evaluation: RuleEvaluation): AlertEvent[] {
    const rule = this.rules.get(evaluation.ruleId);
    if (!rule) throw new Error(`No rule has the id "${evaluation.ruleId}".`);
    const now = this.options.clock();
    const state = this.stateOf(rule.id);
    if (evaluation.breaching) {
      state.breachingSince ??= now;
      delete state.clearSince;
      return now - state.breachingSince >= rule.forMs ? this.fire(rule, evaluation, state.breachingSince, now) : [];
    }
    delete state.breachingSince;
    state.clearSince ??= now;
    return this.resolveIfClear(rule.component, now);
  }

  private stateOf(ruleId: string): RuleState {
    let state = this.states.get(ruleId);
    if (!state) this.states.set(ruleId, (state = {}));
    return state;
  }

  private fire(rule: AlertRule, evaluation: RuleEvaluation, since: number, now: number): AlertEvent[] {
    const existing = this.open.get(rule.component);
    const alert = existing ?? this.openAlert(rule, since, now);
    const joined = !alert.ruleIds.includes(rule.id);
    if (joined) {
      alert.ruleIds.push(rule.id);
      if (!alert.runbooks.includes(rule.runbook)) alert.runbooks.push(rule.runbook);
    }
    const newIds = addCorrelationIds(alert.correlationIds, evaluation.correlationIds ?? []);
    // An observation that tells nothing new (the same rule, the same ids) is not worth a message.
    if (existing && !joined && !newIds) return [];
    const evidence: Evidence = {
      at: now,
      since,
      ruleId: rule.id,
      runbook: rule.runbook,
      ...(evaluation.seen ? { seen: evaluation.seen } : {}),
    };
    alert.evidence = [...alert.evidence, evidence].slice(-MAX_EVIDENCE);
    return [{ kind: existing ? 'updated' : 'opened', at: now, alert: snapshot(alert) }];
  }

  private openAlert(rule: AlertRule, since: number, now: number): MutableAlert {
    const alert: MutableAlert = {
      id: this.newIncidentId(rule.component, now),
      component: rule.component,
      runbook: rule.runbook,
      since,
      openedAt: now,
      ruleIds: [],
      runbooks: [],
      evidence: [],
      correlationIds: [],
    };
    this.open.set(rule.component, alert);
    return alert;
  }

  private resolveIfClear(component: string, now: number): AlertEvent[] {
    const alert = this.open.get(component);
    if (!alert) return [];
    for (const rule of this.rules.values()) {
      if (rule.component !== component) continue;
      const state = this.stateOf(rule.id);
      if (state.breachingSince !== undefined) return [];
      if (state.clearSince !== undefined && now - state.clearSince < rule.clearMs) return [];
    }
    this.open.delete(component);
    return [{ kind: 'resolved', at: now, alert: snapshot(alert, now) }];
  }
}

/** Adds the ids not yet known, up to the cap; whether any was added. */
function addCorrelationIds(known: string[], seen: readonly string[]): boolean {
  let added = false;
  for (const id of seen) {
    if (known.length >= MAX_CORRELATION_IDS) break;
    if (known.includes(id)) continue;
    known.push(id);
    added = true;
  }
  return added;
}
