import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import { bucketName, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, receiptObjectKey, type ChangeMessage, type ReceiptItem, type TenantScope } from '@ndf/contracts';
import type { ServiceClients } from '@ndf/runtime';

export interface UploadedReceipt {
  readonly scope: TenantScope;
  readonly receiptId: string;
  readonly fileName: string;
  readonly declaredContentType: string;
  readonly body: Uint8Array;
}

/**
 * A receipt as receipt-intake leaves it: uploaded, its bytes in the bucket, its item in the
 * notes table; and the change the stream router sends the receipt's first step for it.
 */
export async function storeUploadedReceipt(
  stack: { readonly clients: Pick<ServiceClients, 's3' | 'dynamodb'> },
  prefix: string,
  receipt: UploadedReceipt,
): Promise<ChangeMessage> {
  const { scope, receiptId, fileName, declaredContentType, body } = receipt;
  const objectKey = receiptObjectKey(scope, receiptId);
  await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucketName(prefix, 'receipts'), Key: objectKey, Body: body }));
  const item: ReceiptItem = {
    ...receiptKey(scope, receiptId),
    tenant: scope.tenant,
    type: ITEM_TYPES.receipt,
    receiptId,
    uploader: scope.user,
    status: 'uploaded',
    fileName,
    declaredContentType,
    declaredSize: body.length,
    size: body.length,
    objectKey,
    requestedAt: new Date().toISOString(),
  };
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: tableName(prefix, 'notes'), Item: marshall(item) }));
  return {
    kind: 'change',
    table: 'notes',
    eventId: receiptId,
    eventName: 'MODIFY',
    itemType: 'RECEIPT',
    keys: { pk: item.pk, sk: item.sk },
    sequenceNumber: '1',
    newImage: { ...item },
  };
}
