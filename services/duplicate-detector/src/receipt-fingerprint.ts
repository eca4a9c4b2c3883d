import { BatchGetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { stageKey, type DuplicateSignalSkipped, type ReceiptItem, type StageItem, type TenantScope } from '@ndf/contracts';
import { ImageHashError, receiptImageHash } from '@ndf/duplicate-signals';
import { readObject, stageItem } from '@ndf/receipt-pipeline';
import type { CallDependency } from '@ndf/runtime';
import type { FingerprintedReceipt } from './duplicate-check.js';
import { indexReceipt } from './duplicate-index.js';

export const SERVICE = 'duplicate-detector';

export interface DetectorDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  /** Physical names of the notes table and the receipts bucket. */
  readonly notesTable: string;
  readonly receiptsBucket: string;
  /** When a check starts reading; the system clock when absent. */
  readonly now?: () => Date;
}

/** What a receipt's stage of this service keeps: its image hash, or why there is none, and the note it was indexed for. */
interface ReceiptFingerprintOutcome {
  readonly indexedFor: string;
  readonly imageHash?: string;
  readonly imageSkipped?: string;
}

const receiptStageKey = (scope: TenantScope, receipt: ReceiptItem) =>
  stageKey(scope, SERVICE, { receiptId: receipt.receiptId, ...(receipt.noteId ? { noteId: receipt.noteId } : {}) });

async function storedOutcomes(
  dependencies: DetectorDependencies,
  scope: TenantScope,
  receipts: readonly ReceiptItem[],
  signal: AbortSignal,
): Promise<Map<string, ReceiptFingerprintOutcome>> {
  const found = new Map<string, ReceiptFingerprintOutcome>();
  if (receipts.length === 0) return found;
  const answer = await dependencies.dynamodb.send(
    new BatchGetItemCommand({
      RequestItems: {
        [dependencies.notesTable]: { Keys: receipts.map((receipt) => marshall(receiptStageKey(scope, receipt))), ConsistentRead: true },
      },
    }),
    { abortSignal: signal },
  );
  // A key left unprocessed is computed again: the hash is the same, the index items too.
  for (const item of answer.Responses?.[dependencies.notesTable] ?? []) {
    const stage = unmarshall(item) as StageItem;
    if (stage.receiptId && stage.outcome) found.set(stage.receiptId, stage.outcome as unknown as ReceiptFingerprintOutcome);
  }
  return found;
}

/** The perceptual hash of the receipt's first page image (the normalised copy under derived/), or why there is none. */
async function imageHashOf(
  dependencies: DetectorDependencies,
  receipt: ReceiptItem,
  call: CallDependency<'s3'>,
): Promise<{ imageHash: string } | { imageSkipped: string }> {
  const page = receipt.pageKeys?.[0];
  if (page === undefined) return { imageSkipped: 'the receipt has no page image (a PDF with a text layer is read from its text)' };
  const bytes = await call('s3', async (signal) => {
    try {
      return await readObject(dependencies.s3, dependencies.receiptsBucket, page, signal);
    } catch (error) {
      // Written before the receipt named it, so gone since: retrying cannot bring it back.
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  });
  if (bytes === undefined) return { imageSkipped: `the page image ${page} is not in the receipts bucket` };
  try {
    return { imageHash: await receiptImageHash(bytes) };
  } catch (error) {
    if (error instanceof ImageHashError) return { imageSkipped: error.message };
    throw error;
  }
}

/**
 * The note's processed receipts with their fingerprints. A receipt's image hash is computed once,
 * filed in the index under each fingerprint, then kept on the receipt's stage of this service (written
 * last, so that a failure between the two computes and files it again).
 */
export async function fingerprintReceipts(
  dependencies: DetectorDependencies,
  scope: TenantScope,
  noteId: string,
  receipts: readonly ReceiptItem[],
  call: CallDependency<'dynamodb' | 's3'>,
): Promise<{ receipts: FingerprintedReceipt[]; skipped: DuplicateSignalSkipped[] }> {
  const table = { dynamodb: dependencies.dynamodb, tableName: dependencies.notesTable };
  const stored = await call('dynamodb', (signal) => storedOutcomes(dependencies, scope, receipts, signal));
  const fingerprinted: FingerprintedReceipt[] = [];
  const skipped: DuplicateSignalSkipped[] = [];
  for (const receipt of receipts) {
    let outcome = stored.get(receipt.receiptId);
    if (outcome === undefined || outcome.indexedFor !== noteId) {
      outcome = { indexedFor: noteId, ...(await imageHashOf(dependencies, receipt, call)) };
      const entry = { noteId, receiptId: receipt.receiptId, sha256: receipt.sha256, imageHash: outcome.imageHash };
      await call('dynamodb', (signal) => indexReceipt(table, scope, entry, signal));
      const stage = stageItem(
        scope,
        SERVICE,
        { receiptId: receipt.receiptId, ...(receipt.noteId ? { noteId: receipt.noteId } : {}) },
        {
          status: 'succeeded',
          outcome: { ...outcome },
        },
      );
      await call('dynamodb', (signal) =>
        dependencies.dynamodb.send(
          new PutItemCommand({ TableName: dependencies.notesTable, Item: marshall(stage, { removeUndefinedValues: true }) }),
          {
            abortSignal: signal,
          },
        ),
      );
    }
    if (outcome.imageSkipped) skipped.push({ signal: 'similar_image', receiptId: receipt.receiptId, reason: outcome.imageSkipped });
    fingerprinted.push({
      noteId,
      receiptId: receipt.receiptId,
      ...(receipt.sha256 ? { sha256: receipt.sha256 } : {}),
      ...(outcome.imageHash ? { imageHash: outcome.imageHash } : {}),
    });
  }
  return { receipts: fingerprinted, skipped };
}
