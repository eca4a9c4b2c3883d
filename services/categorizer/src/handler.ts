import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { readChangedNote, writeNoteStage } from '@ndf/receipt-pipeline';
import type { InboundMessage, ServiceContext } from '@ndf/runtime';
import { readHistory, recordChoice } from './history-store.js';
import { readNormalizedMerchant } from './normalized-merchant.js';
import { categorize, choiceOf, othersChoices } from './proposal.js';
import { readReceiptTexts } from './receipt-texts.js';

export const SERVICE = 'categorizer';

/** Another write moved the note's choice between a read and a write: read again, this many times at most. */
const RECORD_ATTEMPTS = 3;

export interface CategorizerDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table (the notes, and the tenants' category histories). */
  readonly notesTable: string;
  readonly s3: S3Client;
  /** Physical name of the receipts bucket (the receipts' texts). */
  readonly receiptsBucket: string;
  /** The tenant's categories. */
  readonly categories: readonly string[];
}

/**
 * On an open note's change, one of its receipts processed, or its merchant normalised: proposes
 * its category, records the employee's own choice in the tenant's history (counted once per note),
 * and writes the note's categorizer stage. Recomputed from the items as they stand.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb' | 's3'>, 'call' | 'log'>,
  dependencies: CategorizerDependencies,
): Promise<void> {
  const { dynamodb, notesTable: table, s3, receiptsBucket, categories } = dependencies;
  const found = await readChangedNote(message.body, context.call, dependencies, SERVICE, { openOnly: true });
  if (found === undefined) return;
  const { scope, note, receipts } = found;
  const normalized = await context.call('dynamodb', (signal) => readNormalizedMerchant(dynamodb, table, scope, note, signal));
  if (!normalized.ready) {
    context.log.info({ event: 'waiting-for-merchant', noteId: note.noteId, version: note.version });
    return;
  }
  const { merchant } = normalized;
  const { texts, processed } = await context.call('s3', (signal) => readReceiptTexts(s3, receiptsBucket, receipts, signal));
  for (let attempt = 1; ; attempt += 1) {
    const { counts, counted } = await context.call('dynamodb', (signal) =>
      readHistory(dynamodb, table, scope, note.noteId, merchant?.key, signal),
    );
    const stage = categorize({
      note,
      merchant,
      receiptTexts: texts,
      receiptsProcessed: processed,
      history: othersChoices(counts, counted, merchant?.key),
      categories,
    });
    const recorded = await context.call('dynamodb', (signal) =>
      recordChoice(dynamodb, table, scope, note, counted, choiceOf(note, merchant, categories), signal),
    );
    if (recorded === 'conflict' && attempt < RECORD_ATTEMPTS) continue;
    if (recorded === 'conflict') throw new Error(`The category history of note ${note.noteId} kept changing while it was recorded.`);
    const written = await context.call('dynamodb', (signal) => writeNoteStage(dynamodb, table, scope, SERVICE, note, stage, signal));
    context.log.info({ event: 'category-proposed', noteId: note.noteId, version: note.version, code: stage.code, recorded, written });
    return;
  }
}
