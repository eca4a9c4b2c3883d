import type { TenantScope } from '@ndf/contracts';
import type { BatcherDependencies, Call } from './dependencies.js';
import { actsOnBatches } from './pay.js';
import { runTenantBatch, type BatchRun, type StepRunner } from './run-batch.js';
import { onDemandWindow } from './schedule.js';

/**
 * A batch of every note approved until now, for a tenant whose batches are made on demand (or
 * ahead of its day); the request's Idempotency-Key is tied to the batch it makes as it is made.
 * `runner` (tests): the step to stop after, as a request cut off there would.
 */
export async function batchOnDemand(
  scope: TenantScope,
  call: Call,
  dependencies: BatcherDependencies,
  signal: AbortSignal,
  idempotencyKey?: string,
  runner: Pick<StepRunner, 'stopAfter'> = {},
): Promise<BatchRun | { readonly outcome: 'forbidden'; readonly reason: string }> {
  if (!actsOnBatches(scope)) return { outcome: 'forbidden', reason: 'Only an accountant or an admin may ask for a batch.' };
  return runTenantBatch(
    scope.tenant,
    onDemandWindow(dependencies.now()),
    { call, signal, log: silent, ...runner },
    dependencies,
    idempotencyKey === undefined ? undefined : { scope, idempotencyKey },
  );
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
