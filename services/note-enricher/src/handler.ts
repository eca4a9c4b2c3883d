import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tenantScope } from '@ndf/contracts';
import { itemReader, readChange, readNoteWithReceipts, writeNoteStage } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
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
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = change.newImage ?? {};
  const { tenant, noteId } = image as { tenant?: unknown; noteId?: unknown };
  if (typeof tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  // A receipt asked for before its note is enriched when the note that lists it changes.
  if (typeof noteId !== 'string') return;
  const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
  const found = await context.call('dynamodb', (signal) =>
    readNoteWithReceipts(dependencies.dynamodb, dependencies.notesTable, scope, noteId, signal),
  );
  if (found === undefined) return;
  const enrichment = enrich(found.note, found.receipts);
  await context.call('dynamodb', (signal) =>
    writeNoteStage(
      dependencies.dynamodb,
      dependencies.notesTable,
      scope,
      SERVICE,
      found.note,
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
