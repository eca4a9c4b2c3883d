import { tenantScope, InvalidScopeError } from '@ndf/contracts';
import { itemReader, readChange } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { recomputeEmployeeYear, SERVICE, type MileageDependencies } from './recompute.js';

export { SERVICE };

/** The calendar years a note image counts mileage in (none when it carries no mileage). */
function mileageYear(image: Readonly<Record<string, unknown>> | undefined): number | undefined {
  if (!image?.mileage || typeof image.date !== 'string') return undefined;
  const match = /^(\d{4})-/.exec(image.date);
  return match ? Number(match[1]) : undefined;
}

/**
 * On a note created, corrected, deleted or rejected that carries (or carried) mileage:
 * recomputes its owner's whole year (the year it was in, too, when its date moved), since a
 * note's allowance depends on the kilometres of the notes before it. Recomputed from the items
 * as they stand, so order and repeats do not matter.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>,
  dependencies: MileageDependencies,
): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = change.newImage ?? {};
  const years = new Set([mileageYear(change.newImage), mileageYear(change.oldImage)].filter((year) => year !== undefined));
  if (years.size === 0) return;
  const { tenant, owner, noteId } = image as { tenant?: unknown; owner?: unknown; noteId?: unknown };
  if (typeof tenant !== 'string' || typeof owner !== 'string' || typeof noteId !== 'string')
    throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant, owner or note id.`);
  let employee;
  try {
    employee = tenantScope({ tenant, user: owner, roles: [] });
  } catch (error) {
    if (error instanceof InvalidScopeError) throw new PermanentError(error.message);
    throw error;
  }
  for (const year of [...years].sort()) {
    const result = await recomputeEmployeeYear(dependencies, (work) => context.call('dynamodb', work), employee, year, [noteId]);
    context.log.info({
      event: 'mileage-year-recomputed',
      noteId,
      year,
      notes: result.notes,
      stagesWritten: result.stagesWritten,
      adjustment: result.adjustment.total.value,
    });
  }
}
