import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readChangedNote, writeNoteStage } from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import { merchantOfNote } from './merchant-of-note.js';

export const SERVICE = 'merchant-normalizer';

export interface NormalizerDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
}

/**
 * On an open note created or corrected, or one of its receipts done: records the note's merchant
 * normalised, and where it came from, as the note's merchant-normalizer stage. Recomputed from the
 * items as they stand, so order and repeats do not matter; a note no longer open is left as it is.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>,
  dependencies: NormalizerDependencies,
): Promise<void> {
  const found = await readChangedNote(message.body, context.call, dependencies, SERVICE, { openOnly: true });
  if (found === undefined) return;
  const { scope, note } = found;
  const stage = merchantOfNote(note, found.receipts);
  const written = await context.call('dynamodb', (signal) =>
    writeNoteStage(dependencies.dynamodb, dependencies.notesTable, scope, SERVICE, note, stage, signal),
  );
  context.log.info({ event: 'merchant-normalized', noteId: note.noteId, version: note.version, status: stage.status, written });
}
