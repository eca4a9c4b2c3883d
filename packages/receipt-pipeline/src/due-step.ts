import type { ServiceContext } from '@ndf/runtime';
import type { ReceiptServiceDependencies } from './dependencies.js';
import type { ReceiptRef } from './receipt-ref.js';
import type { ReceiptStep } from './transitions.js';

/** Counted on the service's metrics: jobs acknowledged without work because their receipt moved on. */
export const JOBS_DROPPED_METRIC = 'jobs_dropped';

/**
 * Whether a job's step is still to do on its receipt. A job for a step the receipt has passed
 * (a replay, a late duplicate) is acknowledged and dropped, with a `job-dropped` log line and
 * the `jobs_dropped` counter, never run again: OCR and parsing are not redone for a processed receipt.
 */
export async function stepIsDue(
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log' | 'metrics'>,
  dependencies: Pick<ReceiptServiceDependencies, 'state'>,
  receipt: ReceiptRef,
  step: ReceiptStep,
): Promise<boolean> {
  const readiness = await context.call('dynamodb', (signal) => dependencies.state.readiness(receipt, step, signal));
  if (readiness.due) return true;
  context.metrics.increment(JOBS_DROPPED_METRIC);
  context.log.info({ event: 'job-dropped', receiptId: receipt.receiptId, step, status: readiness.status, reason: 'receipt-past-step' });
  return false;
}
