import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, receiptDigestKey, tenantScope, type ReceiptDigestItem, type ReceiptDigestOwner } from '@ndf/contracts';
import type { ReceiptRef } from '@ndf/receipt-pipeline';
import type { IntakeDependencies } from './dependencies.js';

/**
 * Claims the file's SHA-256 for this receipt in its tenant, with one conditional put: the first
 * receipt to carry a file owns it, and the same receipt claiming again (a redelivery) still
 * does. Returns the earlier receipt when another one owns it: this receipt is a duplicate claim.
 */
export async function claimDigest(
  dependencies: Pick<IntakeDependencies, 'dynamodb' | 'notesTable'>,
  receipt: ReceiptRef,
  sha256: string,
  claimedAt: string,
  signal: AbortSignal,
): Promise<ReceiptDigestOwner | undefined> {
  const scope = tenantScope({ tenant: receipt.tenant, user: 'receipt-intake', roles: [] });
  const item: ReceiptDigestItem = {
    ...receiptDigestKey(scope, sha256),
    type: ITEM_TYPES.receiptDigest,
    tenant: receipt.tenant,
    sha256,
    receiptId: receipt.receiptId,
    ...(receipt.noteId ? { noteId: receipt.noteId } : {}),
    claimedAt,
  };
  try {
    await dependencies.dynamodb.send(
      new PutItemCommand({
        TableName: dependencies.notesTable,
        Item: marshall(item),
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
      { abortSignal: signal },
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || error.Item === undefined) throw error;
    const owner = unmarshall(error.Item) as ReceiptDigestItem;
    if (owner.receiptId === receipt.receiptId) return undefined;
    return { receiptId: owner.receiptId, ...(owner.noteId ? { noteId: owner.noteId } : {}) };
  }
}
