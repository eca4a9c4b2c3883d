import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OPEN_STATUSES, tenantScope, VAT_CALCULATOR, type NoteStatus } from '@ndf/contracts';
import { itemReader, readChange, readNoteWithReceipts, writeNoteStage } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { vatStageOf } from './vat-stage.js';

export const SERVICE = VAT_CALCULATOR;

export interface VatCalculatorDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
}

/** The note a change is about: a note's own id, or the note a receipt was asked for with or is listed by. */
function noteIdOf(image: Record<string, unknown>): string | undefined {
  const noteId = image.noteId ?? image.attachedTo;
  return typeof noteId === 'string' ? noteId : undefined;
}

/**
 * On a note created or changed while open, or one of its receipts read (or refused): computes
 * the note's VAT from the items as they stand and records it as the note's vat-calculator
 * stage, which an older version of the note never overwrites. A note no longer open is not
 * recomputed: its figures are frozen once approved.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>,
  dependencies: VatCalculatorDependencies,
): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = change.newImage ?? {};
  const { tenant } = image as { tenant?: unknown };
  if (typeof tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  const noteId = noteIdOf(image);
  // A receipt not listed by any note yet: its note's change brings it in.
  if (noteId === undefined) return;
  const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
  const found = await context.call('dynamodb', (signal) =>
    readNoteWithReceipts(dependencies.dynamodb, dependencies.notesTable, scope, noteId, signal),
  );
  if (found === undefined || !OPEN_STATUSES.includes(found.note.status as NoteStatus)) return;
  const stage = vatStageOf(found.note, found.receipts);
  const written = await context.call('dynamodb', (signal) =>
    writeNoteStage(dependencies.dynamodb, dependencies.notesTable, scope, SERVICE, found.note, stage, signal),
  );
  context.log.info({ event: 'note-vat', noteId, version: found.note.version, status: stage.status, code: stage.code, written });
}
