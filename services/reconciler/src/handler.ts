import { openReceiptsSince } from '@ndf/receipt-pipeline';
import { parseScheduleTick, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import type { ReconcilerDependencies } from './dependencies.js';
import { QueueBacklog } from './queue-backlog.js';
import { reconcileReceipt, type Reconciled } from './reconcile-receipt.js';

/** Receipts looked at at once within a tick. */
const AT_ONCE = 8;

const METRICS: Partial<Record<Reconciled, string>> = {
  redriven: 'reconciler_redriven',
  expired: 'reconciler_expired',
};

/**
 * On each tick: the receipts not moved on for `stuckAfter` (from the reconciler's index, never a
 * scan), each driven again from where it stopped, expired, or given up (see reconcileReceipt).
 * One receipt that cannot be handled is logged and left for the next tick; only when every one
 * fails (an outage) does the tick fail, so that its breaker sees it.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb' | 's3' | 'sqs'>, 'call' | 'emit' | 'log' | 'metrics' | 'signal'>,
  dependencies: ReconcilerDependencies,
): Promise<void> {
  parseScheduleTick(message.body);
  const { settings } = dependencies;
  const before = new Date(dependencies.now().getTime() - settings.stuckAfterMs);
  const items = await context.call('dynamodb', (signal) =>
    openReceiptsSince(dependencies.dynamodb, dependencies.table, { before, limit: settings.receiptsPerTick }, signal),
  );
  const backlog = new QueueBacklog(dependencies.sqs, dependencies.prefix);
  const counts: Partial<Record<Reconciled | 'errors', number>> = {};
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !context.signal.aborted) {
      const item = items[next++]!;
      try {
        const outcome = await reconcileReceipt(item, context, dependencies, backlog);
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      } catch (error) {
        errors.push(error);
        context.log.warn({ event: 'reconcile-failed', pk: String(item.pk), sk: String(item.sk), error: String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  if (errors.length > 0) counts.errors = errors.length;
  for (const [outcome, name] of Object.entries(METRICS)) {
    const count = counts[outcome as Reconciled];
    if (count) context.metrics.increment(name, count);
  }
  if (items.length > 0) context.log.info({ event: 'reconciled', looked: items.length, ...counts });
  if (errors.length > 0 && errors.length === items.length) throw errors[0];
}
