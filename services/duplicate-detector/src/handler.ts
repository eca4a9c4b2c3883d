import { tenantScope } from '@ndf/contracts';
import { itemReader, readChange } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { checkNote, flaggedWith } from './check-note.js';
import { SERVICE, type DetectorDependencies } from './receipt-fingerprint.js';

export { SERVICE, type DetectorDependencies } from './receipt-fingerprint.js';

/** The note a change is about: a note's own id, or the note that lists a receipt (asked for with it, or listed later). */
function noteOf(image: Record<string, unknown>): string | undefined {
  const { noteId, attachedTo } = image;
  if (typeof noteId === 'string') return noteId;
  return typeof attachedTo === 'string' ? attachedTo : undefined;
}

/**
 * On a note created, corrected or deleted, or one of its receipts processed: records which other
 * notes of the tenant it may duplicate (its stage), then checks again every note it was or now is
 * flagged with, so that both notes of a pair name each other, and a note corrected away from a
 * match, or deleted, no longer flags the other. Recomputed from the items as they stand: order and
 * repeats of changes do not matter.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb' | 's3'>, 'call' | 'log'>,
  dependencies: DetectorDependencies,
): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = change.newImage ?? {};
  const { tenant } = image as { tenant?: unknown };
  if (typeof tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  const noteId = noteOf(image);
  // A receipt no note lists yet is checked when a note lists it.
  if (noteId === undefined) return;
  const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
  const before = await flaggedWith(dependencies, scope, noteId, context.call);
  const checked = await checkNote(dependencies, scope, noteId, context.call);
  if (checked.status === 'closed') return;
  const now = checked.status === 'checked' ? checked.outcome.otherNoteIds : [];
  const others = [...new Set([...before, ...now])].filter((other) => other !== noteId);
  for (const other of others) await checkNote(dependencies, scope, other, context.call);
  context.log.info({
    event: 'note-duplicates-checked',
    noteId,
    status: checked.status,
    flaggedWith: now.length,
    othersChecked: others.length,
    ...(checked.status === 'checked' ? { candidatesRead: checked.outcome.candidatesRead } : {}),
  });
}
