import { AlertBook, breaches, rulesFromCatalog, type AlertEvent, type AlertRule, type RuleEvaluation } from '@ndf/alerting';
import { PROCESS_EXITED_METRIC, type Catalog } from '@ndf/catalog';
import { alarmWindow, readRule } from './evaluate/read-rule.js';
import type { QuarantineIds } from './sources/quarantine-ids.js';
import { PERIOD_MS } from './store/component-metrics.js';
import { MetricStore } from './store/metric-store.js';

export type AlertListener = (event: AlertEvent) => void | Promise<void>;

export interface MonitorOptions {
  readonly catalog: Catalog;
  /** Epoch ms; the tests move it. */
  readonly clock?: () => number;
  /** By default the catalog's (`rulesFromCatalog`). */
  readonly rules?: readonly AlertRule[];
  /** Where a quarantine alert's correlation ids come from; none, none are given. */
  readonly quarantine?: QuarantineIds;
  /** How long after the monitor starts a component never heard of counts as missing. */
  readonly heartbeatGraceMs?: number;
  /** The longest a look-up of correlation ids may hold up one evaluation. */
  readonly lookupTimeoutMs?: number;
  /** A listener that fails, or an evaluation that does: reported here, the monitor carries on. */
  readonly onError?: (error: unknown) => void;
}

/** Recent alert events kept for the read model. */
export const RECENT_EVENTS_KEPT = 200;
/** Quarantined entries whose ids an alert names at most per evaluation. */
const QUARANTINE_IDS_PER_ALERT = 5;

/** Whether each component's process runs, as its supervisor last said. */
export interface ProcessState {
  readonly running: boolean;
  readonly at: number;
}

/**
 * The local monitor: takes every process's EMF documents and the supervisor's exits, evaluates
 * every rule each second as CloudWatch would evaluate the cloud alarm on the same metric, and
 * feeds one AlertBook, whose events go to the listeners (delivery plugs in there).
 */
export class Monitor {
  readonly catalog: Catalog;
  readonly rules: readonly AlertRule[];
  readonly store = new MetricStore();
  readonly book: AlertBook;
  readonly startedAt: number;
  private readonly clock: () => number;
  private readonly listeners = new Set<AlertListener>();
  private readonly recent: AlertEvent[] = [];
  private readonly processes = new Map<string, ProcessState>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(private readonly options: MonitorOptions) {
    this.catalog = options.catalog;
    this.clock = options.clock ?? Date.now;
    this.rules = options.rules ?? rulesFromCatalog(options.catalog);
    this.book = new AlertBook({ rules: this.rules, clock: this.clock });
    this.startedAt = this.clock();
  }

  now(): number {
    return this.clock();
  }

  /** One line a process wrote on its output that is an EMF document; a malformed one is counted and ignored. */
  ingest(line: string): boolean {
    return this.store.ingest(line);
  }

  /** The supervisor says the component's process (or hosted unit) exited without being asked to. */
  processExited(component: string, at = this.clock()): void {
    this.store.of(component)?.add(at, PROCESS_EXITED_METRIC, 1, 'Count');
    this.processes.set(component, { running: false, at });
  }

  processStarted(component: string, at = this.clock()): void {
    this.processes.set(component, { running: true, at });
  }

  processState(component: string): ProcessState | undefined {
    return this.processes.get(component);
  }

  /** Subscribes to every alert event (opened, updated, resolved); returns the unsubscribe. */
  onAlertEvents(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Newest first. */
  recentEvents(): AlertEvent[] {
    return [...this.recent].reverse();
  }

  /** Evaluates every rule once, at the clock's time; returns the events it made (the listeners have them too). */
  async tick(): Promise<AlertEvent[]> {
    const now = this.clock();
    const context = { now, startedAt: this.startedAt, heartbeatGraceMs: this.options.heartbeatGraceMs ?? 30_000 };
    const evaluations = await Promise.all(
      this.rules.map(async (rule): Promise<RuleEvaluation> => {
        const metrics = this.store.known(rule.component);
        const { value, seen } = readRule(rule, metrics, context);
        const breaching = breaches(rule, value);
        const correlationIds = breaching ? await this.correlationIdsFor(rule, now) : [];
        return { ruleId: rule.id, breaching, seen, ...(correlationIds.length > 0 ? { correlationIds } : {}) };
      }),
    );
    const events = evaluations.flatMap((evaluation) => this.book.observe(evaluation));
    for (const event of events) this.publish(event);
    return events;
  }

  /** Ticks every second until `stop`; a tick never overlaps the previous one. */
  start(intervalMs = 1_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => (this.ticking = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  private async correlationIdsFor(rule: AlertRule, now: number): Promise<readonly string[]> {
    if (rule.runbook === 'api-server-errors') return this.store.known(rule.component)?.serverErrorIdsSince(alarmWindow(now).from) ?? [];
    if (rule.runbook === 'message-quarantined' && this.options.quarantine) {
      // Within two periods: the entries the window counts, whatever the delay between the write and the metric.
      const since = new Date(now - 2 * PERIOD_MS);
      return withTimeout(
        this.options.quarantine.newest(rule.component, since, QUARANTINE_IDS_PER_ALERT),
        this.options.lookupTimeoutMs ?? 2_000,
      ).catch(() => []);
    }
    return [];
  }

  /** A slow delivery must not hold up the next evaluation: listeners are called, not awaited. */
  private publish(event: AlertEvent): void {
    this.recent.push(event);
    if (this.recent.length > RECENT_EVENTS_KEPT) this.recent.shift();
    for (const listener of this.listeners) {
      void Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => this.options.onError?.(error));
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
