import {
  ITEM_TYPES,
  noteKey,
  receiptKey,
  receiptObjectKey,
  tenantScope,
  type ExtractedField,
  type NoteItem,
  type ReceiptItem,
} from '@ndf/contracts';

/** A NOTE item as the ingest API stores it (version 1, received, owned by alice), with the fields a test sets. */
export function testNoteItem(tenant: string, noteId: string, fields: Partial<NoteItem> = {}): NoteItem {
  const scope = tenantScope({ tenant, user: 'alice', roles: [] });
  return {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant,
    noteId,
    owner: 'alice',
    status: 'received',
    version: 1,
    date: '2026-11-12',
    amount: { value: '42.50', currency: 'EUR' },
    receiptIds: [],
    requestHash: 'test',
    createdAt: '2026-11-12T10:00:00.000Z',
    updatedAt: '2026-11-12T10:00:00.000Z',
    ...fields,
  };
}

/**
 * A RECEIPT item as the receipt services leave it: in its note's partition when asked for with
 * it (`noteId`), processed with the parser's fields (each value confident) unless told otherwise.
 */
export function testReceiptItem(
  tenant: string,
  receiptId: string,
  options: { noteId?: string; status?: ReceiptItem['status']; extracted?: Readonly<Record<string, string>>; attachedTo?: string } = {},
): ReceiptItem {
  const scope = tenantScope({ tenant, user: 'alice', roles: [] });
  const extracted = Object.fromEntries(
    Object.entries(options.extracted ?? {}).map(([name, value]): [string, ExtractedField] => [name, { value, confidence: 0.9 }]),
  );
  return {
    ...receiptKey(scope, receiptId, options.noteId),
    type: ITEM_TYPES.receipt,
    tenant,
    receiptId,
    ...(options.noteId ? { noteId: options.noteId } : {}),
    ...(options.attachedTo ? { attachedTo: options.attachedTo } : {}),
    uploader: 'alice',
    status: options.status ?? 'processed',
    fileName: 'receipt.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 1000,
    objectKey: receiptObjectKey(scope, receiptId, options.noteId),
    requestedAt: '2026-11-12T10:00:00.000Z',
    ...(options.extracted ? { extracted } : {}),
  };
}
