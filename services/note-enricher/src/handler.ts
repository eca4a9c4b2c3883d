import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readChangedNote, writeNoteStage } from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import { enrich } from './enrichment.js';

export const SERVICE = 'note-enricher';

export interface EnricherDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
}

/**
 * On a processed receipt, or a note created or corrected: compares what the user typed with
 * what the note's receipts say, and records it as the note's enricher stage (shown by
 * GET /v1/notes/{id}). Recomputed from the items as they stand, so order and repeats do not matter.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>,
  dependencies: EnricherDependencies,
): Promise<void> {
  const found = await readChangedNote(message.body, context.call, dependencies, SERVICE);
  if (found === undefined) return;
  const { scope, note } = found;
  const noteId = note.noteId;
  const enrichment = enrich(found.note, found.receipts);
  await context.call('dynamodb', (signal) =>
    writeNoteStage(
      dependencies.dynamodb,
      dependencies.notesTable,
      scope,
      SERVICE,
      note,
      {
        status: 'succeeded',
        ...(enrichment.amountMismatch
          ? {
              code: 'amount-mismatch',
              reason: `The note declares ${enrichment.amountMismatch.declared.value} ${enrichment.amountMismatch.declared.currency}; its receipts total ${enrichment.amountMismatch.receipts.value}.`,
            }
          : {}),
        outcome: { ...enrichment },
      },
      signal,
    ),
  );
  context.log.info({
    event: 'note-enriched',
    noteId,
    receiptsRead: enrichment.receiptsRead,
    mismatch: enrichment.amountMismatch !== undefined,
  });
}
