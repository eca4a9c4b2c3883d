import { createHash } from 'node:crypto';
import { batchKey, ITEM_TYPES, OPEN_BATCHES_PARTITION, type Money, type TenantScope } from '@ndf/contracts';
import { executionDateFor } from './execution-date.js';
import type { BatchLine, BatchPlan } from './plan.js';

/**
 * Where a batch stands: `open` (its notes and figures written, nothing else yet), `filed` (its
 * advances taken and its SEPA file stored), `batched` (every note moved to batched: closed),
 * `paid` (the accountant confirmed the bank paid it).
 */
export type BatchStatus = 'open' | 'filed' | 'batched' | 'paid';

/** A reimbursement batch (pk T#<tenant>#BATCHES, sk B#<batchId>): written first, everything after it follows from it. */
export interface BatchItem {
  readonly pk: string;
  readonly sk: string;
  readonly type: typeof ITEM_TYPES.batch;
  readonly tenant: string;
  readonly batchId: string;
  readonly status: BatchStatus;
  readonly createdAt: string;
  /** Notes approved before this were taken. */
  readonly cutoff: string;
  /**
   * The SEPA file's requested execution date: set again when the file is written (the next business
   * day after it, see executionDateFor), so that a batch finished days after its creation asks no past date.
   */
  readonly executionDate: string;
  readonly debtor: { readonly name: string; readonly iban: string; readonly bic: string };
  /** The SEPA file's message id: one per file, as banks require (see messageIdOf). */
  readonly messageId: string;
  readonly lines: readonly BatchLine[];
  readonly transfers: number;
  readonly controlSum: Money;
  /** The file's key in the exports bucket, once stored (none when nothing is transferred). */
  readonly fileKey?: string;
  readonly batchedAt?: string;
  readonly paidAt?: string;
  readonly paidBy?: string;
  /** While not closed: in the open batches' partition of gsi1, which the next tick finishes. */
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
}

export function newBatchItem(
  scope: TenantScope,
  batchId: string,
  plan: BatchPlan,
  figures: { createdAt: Date; cutoff: string; debtor: BatchItem['debtor'] },
): BatchItem {
  return {
    ...batchKey(scope, batchId),
    type: ITEM_TYPES.batch,
    tenant: scope.tenant,
    batchId,
    status: 'open',
    createdAt: figures.createdAt.toISOString(),
    cutoff: figures.cutoff,
    executionDate: executionDateFor(figures.createdAt),
    debtor: figures.debtor,
    messageId: messageIdOf(scope.tenant, batchId),
    lines: plan.lines,
    transfers: plan.transfers,
    controlSum: plan.controlSum,
    gsi1pk: OPEN_BATCHES_PARTITION,
    gsi1sk: `${scope.tenant}#${batchId}`,
  };
}

/** Every note of the batch, card-paid ones included. */
export const notesOf = (batch: Pick<BatchItem, 'lines'>): string[] => batch.lines.flatMap((line) => line.notes.map((note) => note.noteId));

/**
 * A file's message id, unique across tenants (two tenants may bank with the same bank): the
 * tenant's digest, then the batch id; 35 characters at most, in the SEPA set.
 */
export function messageIdOf(tenant: string, batchId: string): string {
  return `NDF-${createHash('sha256').update(tenant, 'utf8').digest('hex').slice(0, 10)}-${batchId}`;
}
