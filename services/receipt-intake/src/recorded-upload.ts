import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { receiptKey, stageKey, tenantScope } from '@ndf/contracts';
import type { ReceiptRef } from '@ndf/receipt-pipeline';
import type { IntakeDependencies } from './dependencies.js';

/** What a receipt item says of its upload, once one was recorded. */
export interface RecordedUpload {
  readonly versionId: string | undefined;
  readonly sha256: string | undefined;
}

const scopeOf = (receipt: ReceiptRef) => tenantScope({ tenant: receipt.tenant, user: 'receipt-intake', roles: [] });

/** The upload recorded on the receipt (strongly consistent read); undefined while none is, or when the receipt does not exist. */
export async function recordedUpload(
  dependencies: Pick<IntakeDependencies, 'dynamodb' | 'notesTable'>,
  receipt: ReceiptRef,
  signal: AbortSignal,
): Promise<RecordedUpload | undefined> {
  const { Item } = await dependencies.dynamodb.send(
    new GetItemCommand({
      TableName: dependencies.notesTable,
      Key: marshall(receiptKey(scopeOf(receipt), receipt.receiptId, receipt.noteId)),
      ConsistentRead: true,
      ProjectionExpression: 'sha256, objectVersionId',
    }),
    { abortSignal: signal },
  );
  const item = Item ? unmarshall(Item) : {};
  if (typeof item.sha256 !== 'string') return undefined;
  return { sha256: item.sha256, versionId: typeof item.objectVersionId === 'string' ? item.objectVersionId : undefined };
}

/**
 * Notes, on intake's stage of the receipt (not on the receipt, whose every change wakes the
 * sniffer), a later upload to the receipt's key that was not processed. Adding to a set: once
 * per version, however often its event comes.
 */
export async function recordIgnoredUpload(
  dependencies: Pick<IntakeDependencies, 'dynamodb' | 'notesTable'>,
  receipt: ReceiptRef,
  versionId: string,
  signal: AbortSignal,
): Promise<void> {
  const on = receipt.noteId === undefined ? { receiptId: receipt.receiptId } : { receiptId: receipt.receiptId, noteId: receipt.noteId };
  await dependencies.dynamodb.send(
    new UpdateItemCommand({
      TableName: dependencies.notesTable,
      Key: marshall(stageKey(scopeOf(receipt), 'receipt-intake', on)),
      UpdateExpression: 'ADD ignoredUploadVersions :version',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':version': { SS: [versionId] } },
    }),
    { abortSignal: signal },
  );
}
