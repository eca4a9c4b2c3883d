import { randomUUID } from 'node:crypto';
import {
  cardTransactionItem,
  ITEM_TYPES,
  listingSortKey,
  noteKey,
  ownerListing,
  receiptKey,
  tenantScope,
  type CardTransactionItem,
  type NoteItem,
  type ReceiptItem,
} from '@ndf/contracts';

// The emulator's tables outlive a run: each run is a tenant of its own.
export const TENANT = `cardco-${randomUUID().slice(0, 8)}`;
export const tenant = tenantScope({ tenant: TENANT, user: 'test', roles: [] });

/** A note as the ingest API stores it, in its owner's listing. */
export function noteItem(fields: {
  noteId: string;
  owner: string;
  date: string;
  amount: string;
  merchant?: string;
  paymentMethod?: string;
}): NoteItem {
  const owner = tenantScope({ tenant: TENANT, user: fields.owner, roles: [] });
  return {
    ...noteKey(tenant, fields.noteId),
    type: ITEM_TYPES.note,
    tenant: TENANT,
    noteId: fields.noteId,
    owner: fields.owner,
    status: 'submitted',
    version: 2,
    date: fields.date,
    amount: { value: fields.amount, currency: 'EUR' },
    ...(fields.merchant ? { merchant: fields.merchant } : {}),
    ...(fields.paymentMethod ? { paymentMethod: fields.paymentMethod } : {}),
    receiptIds: [],
    requestHash: 'h',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    gsi1pk: ownerListing(owner),
    gsi1sk: listingSortKey(fields.date, fields.noteId),
  } as NoteItem;
}

export function receiptItem(noteId: string, receiptId: string, status: ReceiptItem['status']): ReceiptItem {
  return {
    ...receiptKey(tenant, receiptId, noteId),
    type: ITEM_TYPES.receipt,
    tenant: TENANT,
    receiptId,
    noteId,
    uploader: 'emma',
    status,
    fileName: 'r.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 1,
    objectKey: 'k',
    requestedAt: '2026-03-01T00:00:00.000Z',
  } as ReceiptItem;
}

/** A payment as the expense API's import writes it: unmatched, in the tenant's unsettled index. */
export function transactionItem(fields: {
  id: string;
  date: string;
  amount: string;
  merchant: string;
  cardLast4?: string;
  holder?: string;
}): CardTransactionItem {
  const { amount, holder, ...line } = fields;
  return cardTransactionItem(
    tenant,
    { ...line, direction: 'debit', amount: { value: amount, currency: 'EUR' } },
    { format: 'csv', importedAt: '2026-04-01T06:00:00.000Z', importedBy: 'fanny', holder },
  );
}
