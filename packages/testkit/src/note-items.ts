import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  ITEM_TYPES,
  noteKey,
  receiptKey,
  receiptObjectKey,
  tenantScope,
  type ChangeMessage,
  type ExtractedField,
  type NoteItem,
  type ReceiptItem,
} from '@ndf/contracts';

/** A NOTE item as the ingest API stores it (a draft of 42.50 EUR on 2024-03-12, version 1), with `fields` over it. */
export function testNoteItem(
  tenant: string,
  noteId: string,
  fields: Partial<Omit<NoteItem, 'pk' | 'sk' | 'tenant' | 'noteId'>> = {},
): NoteItem {
  const scope = tenantScope({ tenant, user: 'test', roles: [] });
  return {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant,
    noteId,
    owner: 'alice',
    status: 'received',
    version: 1,
    date: '2024-03-12',
    amount: { value: '42.50', currency: 'EUR' },
    receiptIds: [],
    requestHash: 'h',
    createdAt: '2024-03-12T10:00:00.000Z',
    updatedAt: '2024-03-12T10:00:00.000Z',
    ...fields,
  };
}

/**
 * A RECEIPT item asked for with its note (in the note's partition), `processed` unless told, with
 * the fields its reading found (a bare value is read with confidence 0.9).
 */
export function testReceiptItem(
  tenant: string,
  receiptId: string,
  options: {
    readonly noteId?: string;
    readonly status?: ReceiptItem['status'];
    readonly extracted?: Readonly<Record<string, ExtractedField | string>>;
  } & Partial<Pick<ReceiptItem, 'pageKeys' | 'detectedType' | 'attachedTo'>> = {},
): ReceiptItem {
  const scope = tenantScope({ tenant, user: 'test', roles: [] });
  const { noteId, status = 'processed', extracted, ...rest } = options;
  return {
    ...receiptKey(scope, receiptId, noteId),
    type: ITEM_TYPES.receipt,
    tenant,
    receiptId,
    ...(noteId ? { noteId } : {}),
    uploader: 'alice',
    status,
    fileName: 'receipt.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 1000,
    objectKey: receiptObjectKey(scope, receiptId, noteId),
    requestedAt: '2024-03-12T10:00:00.000Z',
    ...(extracted
      ? {
          extracted: Object.fromEntries(
            Object.entries(extracted).map(([name, field]) => [name, typeof field === 'string' ? { value: field, confidence: 0.9 } : field]),
          ),
        }
      : {}),
    ...rest,
  };
}

export async function putItems(dynamodb: DynamoDBClient, table: string, items: readonly object[]): Promise<void> {
  for (const item of items) {
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));
  }
}

/** The stream router's message for an item written (MODIFY, with its new image). */
export function changeOf(item: { readonly pk: string; readonly sk: string; readonly type: string }, sequenceNumber = '1'): ChangeMessage {
  return {
    kind: 'change',
    table: 'notes',
    eventId: `e-${sequenceNumber}`,
    eventName: 'MODIFY',
    itemType: item.type,
    keys: { pk: item.pk, sk: item.sk },
    sequenceNumber,
    newImage: item as unknown as Record<string, unknown>,
  };
}
