import { parseScheduleTick, wait, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { runCanary, type CanaryRunDependencies, type CanaryRunReport } from './canary-run.js';
import { runTimes } from './run-times.js';

/** Counted per run; `canary_failed` pages (the catalog entry's pagingCounters). */
export const CANARY_METRICS = { runs: 'canary_runs', failed: 'canary_failed', latency: 'canary_latency_ms' } as const;

export type CanaryContext = Pick<ServiceContext<never>, 'log' | 'metrics' | 'signal'>;

/**
 * On each tick: the runs its period holds, one per interval (see runTimes), one after the other.
 * A failed run is counted, and logged with its step, status and correlation id; it never fails the
 * tick, so that the tick is neither retried nor quarantined: the next run is the retry.
 */
export async function handle(message: InboundMessage, context: CanaryContext, dependencies: CanaryRunDependencies): Promise<void> {
  parseScheduleTick(message.body);
  const { settings, now } = dependencies;
  const startTimes = runTimes({
    sentAt: message.sentAt.getTime(),
    now: now(),
    periodMs: settings.tickPeriodMs,
    intervalMs: settings.intervalMs,
  });
  if (startTimes.length === 0) context.log.info({ event: 'canary-tick-late', sentAt: message.sentAt.toISOString() });
  for (const startAt of startTimes) {
    if (now() >= startAt + settings.intervalMs) continue;
    if (startAt > now()) await wait(startAt - now(), context.signal);
    // A run ends with its interval, so that the next starts on time.
    const report = await runCanary(
      dependencies,
      AbortSignal.any([context.signal, AbortSignal.timeout(startAt + settings.intervalMs - now())]),
    );
    record(report, context);
  }
}

function record(report: CanaryRunReport, { log, metrics }: CanaryContext): void {
  metrics.increment(CANARY_METRICS.runs);
  metrics.observe(CANARY_METRICS.latency, report.totalMs);
  for (const [step, ms] of Object.entries(report.latencies)) metrics.observe(`${CANARY_METRICS.latency}.${step}`, ms);
  // Counted at 0 on success too, so that its series exists from the first run (an alarm then sees 0s, not missing data).
  metrics.increment(CANARY_METRICS.failed, report.failure === undefined ? 0 : 1);
  if (report.failure === undefined) return;
  log.error({
    event: 'canary-failed',
    step: report.failure.step,
    status: report.failure.status,
    correlationId: report.failure.correlationId ?? report.correlationId,
    noteId: report.noteId,
    receiptId: report.receiptId,
    reason: report.failure.message,
    ms: report.totalMs,
  });
}
