import type { TenantRole, TenantScope } from '@ndf/contracts';
import { transitionNote } from '@ndf/note-workflow';
import { notesOf, type BatchItem } from './batch-item.js';
import { advanceBatch, readBatch } from './batch-store.js';
import type { BatcherDependencies, Call } from './dependencies.js';

const PAYERS: readonly TenantRole[] = ['accountant', 'admin'];

/** Whether the caller may ask for a batch or confirm one paid: an accountant or an admin of the tenant. */
export const actsOnBatches = (scope: TenantScope): boolean => scope.roles.some((role) => PAYERS.includes(role));

export type BatchPayment =
  | { readonly outcome: 'paid'; readonly batch: BatchItem; readonly notes: number }
  /** Some notes refused the payment as they stand (e.g. the accountant's own note): the batch stays batched, each says why. */
  | { readonly outcome: 'partly'; readonly paid: number; readonly refused: readonly { noteId: string; code: string; reason: string }[] }
  | { readonly outcome: 'not_found' }
  /** Only an accountant or an admin confirms a payment (the API's 403). */
  | { readonly outcome: 'forbidden'; readonly reason: string }
  /** Not closed yet (its notes are still being moved): confirm once it is. */
  | { readonly outcome: 'not_ready'; readonly status: BatchItem['status'] };

/**
 * The accountant's confirmation that the bank paid a batch (the expense API calls it): each of
 * its notes batched → paid in the accountant's name, with `pay:<batchId>` as the request id so a
 * repeated confirmation is applied once; then the batch itself is paid. The scope is the
 * caller's (user and roles): the workflow refuses anyone but an accountant or an admin, and
 * anyone's own note.
 */
export async function confirmBatchPaid(
  scope: TenantScope,
  batchId: string,
  call: Call,
  dependencies: BatcherDependencies,
  signal: AbortSignal,
): Promise<BatchPayment> {
  if (!actsOnBatches(scope)) return { outcome: 'forbidden', reason: 'Only an accountant or an admin may confirm that a batch is paid.' };
  const batch = await readBatch(scope, batchId, call, dependencies);
  if (batch === undefined) return { outcome: 'not_found' };
  if (batch.status !== 'batched' && batch.status !== 'paid') return { outcome: 'not_ready', status: batch.status };
  const actor = { user: scope.user, roles: scope.roles };
  const requestId = `pay:${batchId}`;
  const refused: { noteId: string; code: string; reason: string }[] = [];
  const notes = notesOf(batch);
  for (const noteId of notes) {
    const moved = await call('dynamodb', (callSignal) =>
      transitionNote(
        dependencies.dynamodb,
        dependencies.notesTable,
        scope,
        { noteId, action: 'pay', actor, requestId, details: { batchId }, now: dependencies.now() },
        callSignal,
      ),
    );
    if (moved.result === 'applied') continue;
    if (moved.result === 'not_found') refused.push({ noteId, code: 'not_found', reason: 'No such note.' });
    else refused.push({ noteId, code: moved.refusal?.code ?? 'conflict', reason: moved.refusal?.reason ?? `The note is ${moved.status}.` });
  }
  if (refused.length > 0) return { outcome: 'partly', paid: notes.length - refused.length, refused };
  signal.throwIfAborted();
  const paidAt = dependencies.now().toISOString();
  if (batch.status === 'batched') await advanceBatch(batch, 'batched', 'paid', { paidAt, paidBy: scope.user }, call, dependencies);
  const current = (await readBatch(scope, batchId, call, dependencies)) ?? batch;
  return { outcome: 'paid', batch: current, notes: notes.length };
}
