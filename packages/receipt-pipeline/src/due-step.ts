import type { ServiceContext } from '@ndf/runtime';
import type { ReceiptStatus } from '@ndf/contracts';
import type { ReceiptServiceDependencies } from './dependencies.js';
import { originalOf, type OriginalFile } from './jobs.js';
import { readReceiptFile } from './receipt-files.js';
import type { NotDue } from './receipt-state.js';
import type { ReceiptRef } from './receipt-ref.js';
import type { ReceiptStep } from './transitions.js';

/** Counted on the service's metrics: jobs acknowledged without effect because their step was taken already. */
export const JOBS_DROPPED_METRIC = 'jobs_dropped';

/** Why a job is dropped: not due when it came, or its step taken by another run of it while it worked. */
export type DropReason = NotDue | 'step-already-taken';

type DropContext = Pick<ServiceContext, 'log' | 'metrics'>;

/** The one way a receipt service drops a job: a `job-dropped` log line and the `jobs_dropped` counter. */
export function dropJob(context: DropContext, receipt: ReceiptRef, step: ReceiptStep, reason: DropReason, status?: ReceiptStatus): void {
  context.metrics.increment(JOBS_DROPPED_METRIC);
  context.log.info({ event: 'job-dropped', receiptId: receipt.receiptId, step, reason, ...(status ? { status } : {}) });
}

/**
 * Whether a job's step is still to do on its receipt. A job for a step the receipt has passed, or
 * that this service already took on it (a replay, a late duplicate), is acknowledged and dropped,
 * never run again: pages, OCR and parsing are not redone, and the next service gets no second job.
 */
export async function stepIsDue(
  context: Pick<ServiceContext<'dynamodb'>, 'call'> & DropContext,
  dependencies: Pick<ReceiptServiceDependencies, 'state'>,
  receipt: ReceiptRef,
  step: ReceiptStep,
): Promise<boolean> {
  return (await dueReceipt(context, dependencies, receipt, step)) !== undefined;
}

/** As stepIsDue, with what the receipt's item says of it when the step is due (its upload time); undefined when dropped. */
export async function dueReceipt(
  context: Pick<ServiceContext<'dynamodb'>, 'call'> & DropContext,
  dependencies: Pick<ReceiptServiceDependencies, 'state'>,
  receipt: ReceiptRef,
  step: ReceiptStep,
): Promise<{ readonly uploadedAt?: string } | undefined> {
  const readiness = await context.call('dynamodb', (signal) => dependencies.state.readiness(receipt, step, signal));
  if (readiness.due) return readiness.uploadedAt === undefined ? {} : { uploadedAt: readiness.uploadedAt };
  dropJob(context, receipt, step, readiness.reason, readiness.status);
  return undefined;
}

/**
 * The bytes of the original a reading job names (its pinned version), or undefined when its
 * `read` step is not due (the job is dropped and counted): how the readers of originals start.
 */
export async function readOriginalIfDue(
  context: Pick<ServiceContext<'dynamodb' | 's3'>, 'call'> & DropContext,
  dependencies: Pick<ReceiptServiceDependencies, 'state' | 's3' | 'receiptsBucket'>,
  job: OriginalFile & { readonly receipt: ReceiptRef },
): Promise<Uint8Array | undefined> {
  if (!(await stepIsDue(context, dependencies, job.receipt, 'read'))) return undefined;
  return readReceiptFile(context, dependencies, originalOf(job));
}
