import type { TenantScope } from '@ndf/contracts';
import type { BatcherDependencies, Call } from './dependencies.js';
import { actsOnBatches } from './pay.js';
import { runTenantBatch, type BatchRun } from './run-batch.js';
import { onDemandWindow } from './schedule.js';

/** A batch of every note approved until now, for a tenant whose batches are made on demand (or ahead of its day). */
export async function batchOnDemand(
  scope: TenantScope,
  call: Call,
  dependencies: BatcherDependencies,
  signal: AbortSignal,
): Promise<BatchRun | { readonly outcome: 'forbidden'; readonly reason: string }> {
  if (!actsOnBatches(scope)) return { outcome: 'forbidden', reason: 'Only an accountant or an admin may ask for a batch.' };
  return runTenantBatch(scope.tenant, onDemandWindow(dependencies.now()), { call, signal, log: silent }, dependencies);
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
