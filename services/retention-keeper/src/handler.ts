import { parseScheduleTick, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import type { RetentionDependencies } from './dependencies.js';
import { driveErasure, erasuresToDrive } from './drive-erasure.js';
import { expireDueOriginals } from './expire-originals.js';
import { sealDueDays } from './sealed-index.js';

type RetentionContext = Pick<ServiceContext<'dynamodb' | 's3'>, 'call' | 'log' | 'metrics'>;

/** Counted when an original past its retention is deleted, and when a hold kept one that would have gone. */
export const ORIGINALS_DELETED_METRIC = 'retention_originals_deleted';
export const ORIGINALS_HELD_METRIC = 'retention_originals_held';
/** Pages (the catalog's paging counter): an erasure step failed, and will be tried again on the next tick. */
export const ERASURE_FAILED_METRIC = 'retention_erasure_failed';

/**
 * On each tick: one step of every erasure still to drive (each resumes where the last stopped);
 * then the days over and not sealed yet; and on the tick that seals a new day, once a day, the
 * originals whose retention may have ended. One erasure that fails is logged and driven again on
 * the next tick; only when all fail (an outage) does the tick fail.
 */
export async function handle(message: InboundMessage, context: RetentionContext, dependencies: RetentionDependencies): Promise<void> {
  parseScheduleTick(message.body);
  const { settings } = dependencies;
  const driver = { ...dependencies, notesPerStep: settings.notesPerStep };
  const erasures = await context.call('dynamodb', (signal) =>
    erasuresToDrive(dependencies.dynamodb, dependencies.table, settings.erasuresPerTick, signal),
  );
  const failures: unknown[] = [];
  for (const erasure of erasures) {
    try {
      const status = await context.call('dynamodb', (signal) => driveErasure(driver, erasure, signal));
      context.log.info({ event: 'erasure-driven', tenant: erasure.tenant, requestId: erasure.requestId, status });
    } catch (error) {
      failures.push(error);
      context.metrics.increment(ERASURE_FAILED_METRIC);
      context.log.warn({ event: 'erasure-failed', tenant: erasure.tenant, requestId: erasure.requestId, error: String(error) });
    }
  }
  if (failures.length > 0 && failures.length === erasures.length) throw failures[0];

  const sealer = { ...dependencies, sealFrom: settings.sealFrom, sealAfterMs: settings.sealAfterMs, daysPerTick: settings.daysPerTick };
  const sealed = await context.call('s3', (signal) => sealDueDays(sealer, signal));
  if (sealed.length === 0) return;
  context.log.info({ event: 'index-sealed', days: sealed });

  const outcomes = await context.call('s3', (signal) =>
    expireDueOriginals({ ...dependencies, ...settings, firstMonth: settings.sealFrom.slice(0, 7) }, signal),
  );
  const deleted = outcomes.filter((outcome) => outcome.decision.action === 'delete').length;
  const held = outcomes.filter((outcome) => outcome.decision.action === 'keep' && outcome.decision.reason === 'held').length;
  if (deleted) context.metrics.increment(ORIGINALS_DELETED_METRIC, deleted);
  if (held) context.metrics.increment(ORIGINALS_HELD_METRIC, held);
  if (outcomes.length > 0) context.log.info({ event: 'originals-expired', looked: outcomes.length, deleted, held });
}
