import { RECEIPT_STATUSES, isOpenReceiptStatus, type ReceiptItem, type ReceiptStatus } from '@ndf/contracts';
import { JOB_SERVICE, pendingJob, type ReceiptRef, type ReceiptStep, type StageOutcome } from '@ndf/receipt-pipeline';
import { PermanentError, type ServiceContext } from '@ndf/runtime';
import type { ReconcilerDependencies } from './dependencies.js';
import { claimRedrive, leaveIndex, lookAgainLater, type SeenItem } from './item-writes.js';
import type { QueueBacklog } from './queue-backlog.js';
import { receiptStages } from './receipt-stages.js';
import { s3ObjectCreatedEvent } from './s3-object-created.js';
import { storedObject } from './stored-object.js';

/** What one look at a receipt did. `moved-on`: it changed meanwhile, nothing written; `left`: final, out of the index. */
export type Reconciled = 'redriven' | 'waiting' | 'expired' | 'gave-up' | 'left' | 'moved-on';

export type ReconcileContext = Pick<ServiceContext<'dynamodb' | 's3' | 'sqs'>, 'call' | 'emit' | 'log' | 'metrics'>;

/** Pages on-call (the catalog entry's pagingCounters): a receipt the platform could not bring to a final state. */
export const GAVE_UP_METRIC = 'reconciler_gave_up';

const GAVE_UP_STAGE = {
  code: 'reconciler-gave-up',
  reason: 'The receipt could not be read; the support team has it and will try again.',
} as const;

const EXPIRED_STAGE: StageOutcome = {
  status: 'refused',
  code: 'upload-expired',
  reason: 'No file was uploaded for this receipt in time; ask for a new upload to add it.',
};

const UPLOAD_LOOKS_AT_MOST_EVERY_MS = 3_600_000;

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

function receiptRefOf(item: Record<string, unknown>): ReceiptRef | undefined {
  const { tenant, receiptId, noteId } = item;
  if (!text(tenant) || !text(receiptId)) return undefined;
  return { tenant, receiptId, ...(text(noteId) ? { noteId } : {}) };
}

/**
 * Looks at one receipt the index says has not moved on for a while, and drives it again from where
 * it stopped: an upload that is stored gets the S3 event that was lost; an uploaded receipt goes
 * back to the sniffer (through the stream); a reading one gets the job of its current step again.
 * Only once the queue that job would wait in is drained (unless it has been stuck very long), and
 * only if it is still where the index showed it (a conditional write), so that nothing runs twice.
 * An upload never made expires; a receipt driven again too often, or whose state makes no sense,
 * is failed with its reason, counted and logged for on-call, and never looked at again.
 */
export async function reconcileReceipt(
  item: Record<string, unknown>,
  context: ReconcileContext,
  dependencies: ReconcilerDependencies,
  backlog: QueueBacklog,
): Promise<Reconciled> {
  const { dynamodb, table, settings, state } = dependencies;
  const now = dependencies.now();
  const seen = item as unknown as SeenItem;
  const receipt = receiptRefOf(item);
  const status = item.status;

  const giveUp = async (reason: string): Promise<Reconciled> => {
    context.metrics.increment(GAVE_UP_METRIC);
    context.log.error({ event: 'reconciler-gave-up', pk: seen.pk, sk: seen.sk, status: String(status), reason });
    if (receipt && text(status) && isOpenReceiptStatus(status)) {
      const failed: StageOutcome = { status: 'failed', ...GAVE_UP_STAGE, outcome: { detail: reason } };
      await step(receipt, 'fail', failed, { reconcilerGaveUp: { at: now.toISOString(), reason } });
    } else {
      await context.call('dynamodb', (signal) => leaveIndex(dynamodb, table, seen, { at: now, reason }, signal));
    }
    return 'gave-up';
  };
  const step = async (ref: ReceiptRef, name: ReceiptStep, stage: StageOutcome, attributes: Record<string, unknown>) => {
    try {
      await context.call('dynamodb', (signal) => state.step(ref, name, stage, attributes, signal));
      return true;
    } catch (error) {
      // The receipt left the status the step starts from meanwhile: nothing to do.
      if (error instanceof PermanentError) return false;
      throw error;
    }
  };
  const drained = (service: string) => context.call('sqs', (signal) => backlog.drained(service, signal));
  const claim = () => context.call('dynamodb', (signal) => claimRedrive(dynamodb, table, seen, now, signal));
  const redriven = (detail: Record<string, unknown>): Reconciled => {
    context.log.warn({
      event: 'receipt-redriven',
      receiptId: receipt?.receiptId,
      status,
      correlationOfReceipt: item.correlationId,
      ...detail,
    });
    return 'redriven';
  };

  if (!receipt || !text(status) || !(RECEIPT_STATUSES as readonly string[]).includes(status))
    return giveUp(`the item is not a receipt the reconciler can read (tenant, id or status missing or unknown: ${String(status)})`);
  if (!isOpenReceiptStatus(status)) {
    await context.call('dynamodb', (signal) => leaveIndex(dynamodb, table, seen, undefined, signal));
    return 'left';
  }
  const redrives = typeof item.redrives === 'number' ? item.redrives : 0;
  if (redrives >= settings.maxRedrives) return giveUp(`driven again ${redrives} times without moving on from ${status}`);
  const since = Date.parse(String(item.stepAt ?? item.requestedAt));
  const forced = Number.isFinite(since) && now.getTime() - since >= settings.forceAfterMs;
  const drainedOrForced = async (service: string) => forced || (await drained(service));

  switch (status as ReceiptStatus) {
    case 'awaiting_upload': {
      const requestedAt = Date.parse(String(item.requestedAt));
      if (!Number.isFinite(requestedAt)) return giveUp('the receipt has no valid requestedAt');
      if (!text(item.objectKey)) return giveUp('the receipt has no object key');
      const key = item.objectKey;
      const stored = await context.call('s3', (signal) =>
        storedObject(dependencies.s3, { region: dependencies.region, bucket: dependencies.bucket, key }, signal),
      );
      // Only an upload never made expires: one stored, however late its event, is recorded.
      if (!stored && now.getTime() - requestedAt >= settings.uploadExpiryMs)
        return (await step(receipt, 'expire', EXPIRED_STAGE, {})) ? 'expired' : 'moved-on';
      if (!stored) {
        // Less and less often as the upload stays away (half its age, at most an hour more): a day of waiting costs a few dozen looks.
        const later = new Date(now.getTime() + Math.min((now.getTime() - requestedAt) / 2, UPLOAD_LOOKS_AT_MOST_EVERY_MS));
        await context.call('dynamodb', (signal) => lookAgainLater(dynamodb, table, seen, later, signal));
        return 'waiting';
      }
      if (!(await drainedOrForced('receipt-intake'))) return 'waiting';
      if (!(await claim())) return 'moved-on';
      await context.emit('receipt-intake', s3ObjectCreatedEvent(stored));
      return redriven({ via: 'receipt-intake', key });
    }
    case 'uploaded': {
      if (!(await drainedOrForced('format-sniffer'))) return 'waiting';
      // The write itself is the re-drive: the stream takes the receipt, still uploaded, to the sniffer.
      return (await claim()) ? redriven({ via: 'format-sniffer' }) : 'moved-on';
    }
    case 'reading': {
      const stages = await context.call('dynamodb', (signal) => receiptStages(dynamodb, table, seen, signal));
      const pending = pendingJob(receipt, item as Pick<ReceiptItem, 'objectKey' | 'detectedType' | 'pageKeys'>, stages);
      if ('problem' in pending) return giveUp(pending.problem);
      const service = JOB_SERVICE[pending.job.kind];
      if (!(await drainedOrForced(service))) return 'waiting';
      if (!(await claim())) return 'moved-on';
      await context.emit(service, pending.job);
      return redriven({ via: service, job: pending.job.kind });
    }
    default:
      return giveUp(`an open status the reconciler does not know how to drive: ${status}`);
  }
}
