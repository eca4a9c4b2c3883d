import { parseScheduleTick, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { readSettings } from '@ndf/tenant-settings';
import {
  batcherScope,
  finishBatch,
  openBatches,
  readBatch,
  runTenantBatch,
  scheduledWindow,
  tenantsWithMileageDue,
  tenantsWithPayables,
  type BatcherDependencies,
  type StepRunner,
} from '@ndf/reimbursement-batches';

/**
 * On each tick: first the batches an earlier run left open (a crash between two steps) are
 * finished; then each tenant with notes to pay, or a mileage difference due, whose batch day has
 * come gets its batch of the notes approved before that day and of the differences due. A tenant that fails is logged and left for the next tick; only
 * when every one fails (an outage) does the tick fail.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb' | 's3'>, 'call' | 'log' | 'metrics' | 'signal'>,
  dependencies: BatcherDependencies,
): Promise<void> {
  parseScheduleTick(message.body);
  const runner: StepRunner = { call: context.call, log: context.log, signal: context.signal };
  const errors: unknown[] = [];
  let tried = 0;
  const attempt = async (tenant: string, work: () => Promise<unknown>) => {
    tried += 1;
    try {
      await work();
    } catch (error) {
      errors.push(error);
      context.log.warn({ event: 'tenant-batch-failed', tenant, error: String(error) });
    }
  };
  for (const open of await openBatches(context.call, dependencies)) {
    await attempt(open.tenant, async () => {
      const batch = await readBatch(batcherScope(open.tenant), open.batchId, context.call, dependencies);
      if (batch) await finishBatch(batch, runner, dependencies);
    });
  }
  const now = dependencies.now();
  // A tenant with a mileage difference due and no note to pay gets its batch too: the difference is never left waiting.
  const tenants = new Set([
    ...(await tenantsWithPayables(context.call, dependencies)),
    ...(await tenantsWithMileageDue(context.call, dependencies)),
  ]);
  for (const tenant of tenants) {
    await attempt(tenant, async () => {
      const payment = await context.call('dynamodb', (signal) =>
        readSettings(dependencies.dynamodb, dependencies.notesTable, batcherScope(tenant), 'PAYMENT', signal),
      );
      // On demand: the accountant asks (batchOnDemand); a tenant without an account is never batched.
      if (payment.value.batchDay === 'on_demand' || payment.value.debtor === undefined) return;
      const run = await runTenantBatch(tenant, scheduledWindow(now, payment.value.batchDay), runner, dependencies);
      if (run.outcome === 'batched') context.metrics.increment('reimbursement_batches');
      if (run.outcome === 'refused') context.metrics.increment('reimbursement_batch_refused');
    });
  }
  if (errors.length > 0 && errors.length === tried) throw errors[0];
}
