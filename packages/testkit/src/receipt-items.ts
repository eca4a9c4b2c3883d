import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  ITEM_TYPES,
  isOpenReceiptStatus,
  receiptKey,
  receiptObjectKey,
  reconcileIndexAttributes,
  stageKey,
  tenantScope,
  type ItemKey,
  type StageStatus,
} from '@ndf/contracts';

export interface TestReceipt {
  readonly tenant: string;
  readonly receiptId: string;
  readonly noteId?: string;
}

export interface ReceiptItemOptions {
  /** Any string: a test of bad state writes statuses the platform never does. */
  readonly status: string;
  /** How long ago it last moved on (its step and its place in the reconciler's index). */
  readonly movedOnAgoMs: number;
  /** How long ago its upload was asked for; `movedOnAgoMs` when absent. */
  readonly requestedAgoMs?: number;
  readonly attributes?: Readonly<Record<string, unknown>>;
  /** STAGE items written beside it, by service. */
  readonly stages?: Readonly<Record<string, { readonly status: StageStatus; readonly outcome?: Record<string, unknown> }>>;
}

/**
 * A RECEIPT item as the ingest API and the receipt services leave it, set back in time, with its
 * stages: for tests of what finds stuck receipts. An open status puts it in the reconciler's index.
 */
export async function putReceiptItem(
  dynamodb: DynamoDBClient,
  table: string,
  receipt: TestReceipt,
  options: ReceiptItemOptions,
): Promise<ItemKey> {
  const scope = tenantScope({ tenant: receipt.tenant, user: 'test', roles: [] });
  const now = Date.now();
  const movedOn = new Date(now - options.movedOnAgoMs);
  const key = receiptKey(scope, receipt.receiptId, receipt.noteId);
  const item = {
    ...key,
    type: ITEM_TYPES.receipt,
    tenant: receipt.tenant,
    receiptId: receipt.receiptId,
    ...(receipt.noteId ? { noteId: receipt.noteId } : {}),
    uploader: 'test',
    status: options.status,
    fileName: 'receipt.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 1000,
    objectKey: receiptObjectKey(scope, receipt.receiptId, receipt.noteId),
    requestedAt: new Date(now - (options.requestedAgoMs ?? options.movedOnAgoMs)).toISOString(),
    stepAt: movedOn.toISOString(),
    ...(isOpenReceiptStatus(options.status) ? reconcileIndexAttributes(receipt.receiptId, movedOn) : {}),
    ...options.attributes,
  };
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));
  for (const [service, stage] of Object.entries(options.stages ?? {})) {
    const stageItem = {
      ...stageKey(scope, service, { receiptId: receipt.receiptId, ...(receipt.noteId ? { noteId: receipt.noteId } : {}) }),
      type: ITEM_TYPES.stage,
      tenant: receipt.tenant,
      service,
      receiptId: receipt.receiptId,
      status: stage.status,
      ...(stage.outcome ? { outcome: stage.outcome } : {}),
      updatedAt: movedOn.toISOString(),
    };
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(stageItem, { removeUndefinedValues: true }) }));
  }
  return key;
}

export async function readItem(dynamodb: DynamoDBClient, table: string, key: ItemKey): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return Item ? unmarshall(Item) : undefined;
}
