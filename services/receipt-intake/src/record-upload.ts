import { TransactWriteItemsCommand, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, receiptKey, stageKey, type StageItem, type TenantScope } from '@ndf/contracts';
import { PermanentError } from '@ndf/runtime';

export interface Upload {
  readonly receiptId: string;
  readonly noteId: string | undefined;
  readonly sha256: string;
  readonly size: number;
  readonly uploadedAt: string;
}

export const SERVICE = 'receipt-intake';

/**
 * Marks the receipt uploaded, with the digest of its original, and records this stage, in
 * one transaction conditional on the receipt awaiting its upload. A redelivered event finds
 * it uploaded already and changes nothing; an object no receipt was asked for is refused.
 */
export async function recordUpload(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  upload: Upload,
  signal: AbortSignal,
): Promise<'recorded' | 'already-recorded'> {
  const key = receiptKey(scope, upload.receiptId, upload.noteId);
  const now = new Date().toISOString();
  const stage: StageItem = {
    ...stageKey(scope, SERVICE, { receiptId: upload.receiptId, ...(upload.noteId ? { noteId: upload.noteId } : {}) }),
    tenant: scope.tenant,
    type: ITEM_TYPES.stage,
    service: SERVICE,
    receiptId: upload.receiptId,
    ...(upload.noteId ? { noteId: upload.noteId } : {}),
    status: 'succeeded',
    outcome: { sha256: upload.sha256, size: upload.size },
    updatedAt: now,
  };
  try {
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: marshall(key),
              UpdateExpression: 'SET #status = :uploaded, uploadedAt = :uploadedAt, #size = :size, sha256 = :sha256',
              ConditionExpression: 'attribute_exists(pk) AND #status = :awaiting',
              ExpressionAttributeNames: { '#status': 'status', '#size': 'size' },
              ExpressionAttributeValues: marshall({
                ':uploaded': 'uploaded',
                ':awaiting': 'awaiting_upload',
                ':uploadedAt': upload.uploadedAt,
                ':size': upload.size,
                ':sha256': upload.sha256,
              }),
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Put: { TableName: tableName, Item: marshall(stage, { removeUndefinedValues: true }) } },
        ],
      }),
      { abortSignal: signal },
    );
    return 'recorded';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
    const current = error.CancellationReasons[0].Item;
    if (current === undefined)
      throw new PermanentError(`No receipt ${upload.receiptId} was asked for in tenant ${scope.tenant}: the object is not recorded.`);
    // Uploaded (or further along) already: a redelivered notification, or a second upload
    // to the same presigned key, which the original's digest keeps visible.
    return 'already-recorded';
  }
}
