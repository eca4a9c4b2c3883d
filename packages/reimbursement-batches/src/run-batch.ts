import { tenantScope, type TenantScope } from '@ndf/contracts';
import { transitionNote, WORKFLOW_SERVICES } from '@ndf/note-workflow';
import type { ServiceContext } from '@ndf/runtime';
import { SepaBatchRefused } from '@ndf/sepa-transfer';
import { readSettings } from '@ndf/tenant-settings';
import { newBatchItem, notesOf, type BatchItem } from './batch-item.js';
import { executionDateFor } from './execution-date.js';
import { advanceBatch, createBatch, openAdvances, readBatch, readControl, takeAdvance, type BatchRequest } from './batch-store.js';
import type { BatcherDependencies, Call } from './dependencies.js';
import { appendRegularisation, mileageDuesOf } from './mileage-dues.js';
import { owedFor, payablesBefore } from './payables.js';
import { planBatch, type LeftNote, type OwedNote } from './plan.js';
import type { BatchWindow } from './schedule.js';
import { sepaDocument, storeSepaFile } from './sepa-file.js';

export const BATCHER = WORKFLOW_SERVICES.batcher;

/** The batcher's scope in a tenant: its service name stands for the user. */
export const batcherScope = (tenant: string): TenantScope => tenantScope({ tenant, user: BATCHER, roles: [] });

/** The steps after the BATCH item (see finishBatch); a test stops after one to play a crash. */
export type FinishStep = 'advances' | 'mileage' | 'file' | 'transitions' | 'close';
const STEPS: readonly FinishStep[] = ['advances', 'mileage', 'file', 'transitions', 'close'];

export interface StepRunner {
  readonly call: Call;
  readonly log: Pick<ServiceContext['log'], 'info' | 'warn' | 'error'>;
  readonly signal: AbortSignal;
  /** Stops after this step (tests: a crash between two steps). */
  readonly stopAfter?: FinishStep | 'create';
  /** Moves at most this many notes (tests: a crash among the transitions). */
  readonly maxTransitions?: number;
}

/**
 * Finishes a batch from its item, from wherever it stopped; every step may run again without
 * doing anything twice: an advance records the batches that took part of it, so does a mileage
 * year (its regularisations carry the batch id), the file is written again under the same key
 * from the same item (only its date may move on), each note's transition carries the batch id as its request id
 * (a repeat is answered as applied), and each status moves on only from the one before it.
 */
export async function finishBatch(batch: BatchItem, runner: StepRunner, dependencies: BatcherDependencies): Promise<BatchItem> {
  const scope = batcherScope(batch.tenant);
  let current = batch;
  for (const step of STEPS) {
    if (step === 'advances' && current.status === 'open')
      for (const line of current.lines)
        for (const taken of line.advances) await takeAdvance(scope, current.batchId, line.employee, taken, runner.call, dependencies);
    if (step === 'mileage' && current.status === 'open') await regulariseMileage(current, runner, dependencies);
    if (step === 'file' && current.status === 'open') {
      // Dated when written, not when created: a batch resumed days later must not ask the bank for a past date.
      const dated = { ...current, executionDate: executionDateFor(dependencies.now()) };
      const fileKey = await storeSepaFile(dated, runner.call, dependencies);
      const fields = { executionDate: dated.executionDate, ...(fileKey ? { fileKey } : {}) };
      await advanceBatch(current, 'open', 'filed', fields, runner.call, dependencies);
      current = { ...dated, status: 'filed', ...(fileKey ? { fileKey } : {}) };
    }
    if (step === 'transitions' && current.status === 'filed') {
      const notes = notesOf(current).slice(0, runner.maxTransitions);
      for (const noteId of notes) {
        const moved = await runner.call('dynamodb', (signal) =>
          transitionNote(
            dependencies.dynamodb,
            dependencies.notesTable,
            scope,
            {
              noteId,
              action: 'batch',
              actor: { service: BATCHER },
              requestId: current.batchId,
              fields: { batchId: current.batchId },
              details: { batchId: current.batchId },
              now: dependencies.now(),
            },
            signal,
          ),
        );
        if (moved.result !== 'applied') runner.log.error({ event: 'note-not-batched', noteId, batchId: current.batchId, ...moved });
      }
      if (runner.maxTransitions !== undefined && notes.length < notesOf(current).length) return current;
    }
    if (step === 'close' && current.status === 'filed') {
      const at = dependencies.now().toISOString();
      await advanceBatch(current, 'filed', 'batched', { batchedAt: at }, runner.call, dependencies, { close: { scope } });
      current = { ...current, status: 'batched', batchedAt: at };
      runner.log.info({ event: 'batch-closed', tenant: current.tenant, batchId: current.batchId, notes: notesOf(current).length });
    }
    if (runner.stopAfter === step) return current;
  }
  return current;
}

/** Each mileage year the batch pays or recovers on records it: a regularisation with the batch's id, its date and lines. */
async function regulariseMileage(batch: BatchItem, runner: StepRunner, dependencies: BatcherDependencies): Promise<void> {
  for (const line of batch.lines)
    for (const year of line.mileage ?? []) {
      const employee = tenantScope({ tenant: batch.tenant, user: line.employee, roles: [] });
      const regularisation = { id: batch.batchId, at: batch.createdAt, lines: year.lines };
      const result = await appendRegularisation(employee, year.year, regularisation, runner.call, dependencies);
      if (result === 'no_year')
        runner.log.error({
          event: 'mileage-year-missing',
          tenant: batch.tenant,
          batchId: batch.batchId,
          employee: line.employee,
          year: year.year,
        });
    }
}

export type BatchRun =
  | { readonly outcome: 'batched'; readonly batch: BatchItem; readonly left: readonly LeftNote[] }
  /** Nothing to pay before the cutoff, or nothing payable yet (each note left says why). */
  | { readonly outcome: 'nothing'; readonly left: readonly LeftNote[] }
  | { readonly outcome: 'refused'; readonly reason: string }
  /** An open batch was finished instead: the next tick makes the new one. */
  | { readonly outcome: 'resumed'; readonly batch: BatchItem };

/**
 * One tenant's batch of the notes approved before the window's cutoff: a batch left open by an
 * earlier run is finished first (and is this run's work); otherwise the figures are worked out,
 * the BATCH item written with them (conditionally: one open batch per tenant), then finished.
 */
export async function runTenantBatch(
  tenant: string,
  window: BatchWindow,
  runner: StepRunner,
  dependencies: BatcherDependencies,
  request?: BatchRequest,
): Promise<BatchRun> {
  const scope = batcherScope(tenant);
  const control = await readControl(scope, runner.call, dependencies);
  if (control.openBatchId !== undefined) {
    const open = await readBatch(scope, control.openBatchId, runner.call, dependencies);
    if (open === undefined) return { outcome: 'refused', reason: `The open batch ${control.openBatchId} has no item.` };
    return { outcome: 'resumed', batch: await finishBatch(open, runner, dependencies) };
  }
  const payment = await runner.call('dynamodb', (signal) =>
    readSettings(dependencies.dynamodb, dependencies.notesTable, scope, 'PAYMENT', signal),
  );
  const debtor = payment.value.debtor;
  if (debtor === undefined) return { outcome: 'refused', reason: "The company's account is not set (settings PAYMENT)." };
  const payables = await payablesBefore(scope, window.cutoff, runner.call, dependencies);
  const mileage = await mileageDuesOf(scope, window.cutoff, runner.call, dependencies);
  if (payables.length === 0 && mileage.length === 0) return { outcome: 'nothing', left: [] };
  const owed: OwedNote[] = [];
  for (const payable of payables) {
    const found = await owedFor(scope, payable.noteId, runner.call, dependencies);
    if (found) owed.push(found);
  }
  const payees = await runner.call('dynamodb', (signal) =>
    readSettings(dependencies.dynamodb, dependencies.notesTable, scope, 'PAYEES', signal),
  );
  const advances = await openAdvances(scope, runner.call, dependencies);
  const batchId = `${window.period}-${control.batches + 1}`;
  const plan = planBatch(batchId, owed, payees.value, advances, mileage);
  for (const note of plan.left) runner.log.warn({ event: 'note-left-for-later', tenant, ...note });
  for (const year of plan.leftMileage) runner.log.warn({ event: 'mileage-left-for-later', tenant, ...year, amount: year.amount.value });
  if (plan.lines.length === 0) return { outcome: 'nothing', left: plan.left };
  const batch = newBatchItem(scope, batchId, plan, { createdAt: dependencies.now(), cutoff: window.cutoff, debtor });
  try {
    sepaDocument(batch);
  } catch (error) {
    if (!(error instanceof SepaBatchRefused)) throw error;
    const reason = error.problems.map((problem) => `${problem.field} ${problem.reason}`).join('; ');
    runner.log.error({ event: 'batch-refused', tenant, batchId, reason });
    return { outcome: 'refused', reason };
  }
  if (!(await createBatch(batch, control.batches, scope, runner.call, dependencies, request))) {
    // Another run made its batch first (an on-demand request retried after its deadline, a tick): finish that one.
    const now = await readControl(scope, runner.call, dependencies);
    const open = now.openBatchId === undefined ? undefined : await readBatch(scope, now.openBatchId, runner.call, dependencies);
    return open === undefined
      ? { outcome: 'nothing', left: [] }
      : { outcome: 'resumed', batch: await finishBatch(open, runner, dependencies) };
  }
  runner.log.info({
    event: 'batch-created',
    tenant,
    batchId,
    notes: notesOf(batch).length,
    transfers: batch.transfers,
    controlSum: batch.controlSum.value,
  });
  if (runner.stopAfter === 'create') return { outcome: 'batched', batch, left: plan.left };
  return { outcome: 'batched', batch: await finishBatch(batch, runner, dependencies), left: plan.left };
}
