import type { NoteItem, ReceiptItem, StageItem } from '@ndf/contracts';

/** A note item as stored, with what a test changes. */
export const noteItem = (overrides: Partial<NoteItem> = {}): NoteItem =>
  ({
    pk: 'p',
    sk: 'NOTE',
    tenant: 'acme',
    type: 'NOTE',
    noteId: '0c000000-0000-4000-8000-000000000001',
    owner: 'alice',
    status: 'submitted',
    version: 2,
    // A Thursday.
    date: '2026-03-12',
    amount: { value: '30.00', currency: 'EUR' },
    category: 'restaurant',
    receiptIds: [],
    requestHash: 'h',
    createdAt: '2026-03-12T12:00:00.000Z',
    updatedAt: '2026-03-13T09:00:00.000Z',
    ...overrides,
  }) as NoteItem;

export const receiptItem = (status: ReceiptItem['status'], merchant?: string): ReceiptItem =>
  ({
    pk: 'p',
    sk: 'RCPT#r',
    tenant: 'acme',
    type: 'RECEIPT',
    receiptId: 'r',
    uploader: 'alice',
    status,
    fileName: 'f.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 1,
    objectKey: 'k',
    requestedAt: 't',
    ...(merchant === undefined ? {} : { extracted: { merchant: { value: merchant, confidence: 0.9 } } }),
  }) as ReceiptItem;

/** The currency-converter's stage about a note, as its outcome names the converted amount. */
export const converterStage = (noteId: string, noteVersion: number, overrides: Partial<StageItem> = {}): StageItem =>
  ({
    pk: 'p',
    sk: 'STAGE#currency-converter',
    tenant: 'acme',
    type: 'STAGE',
    service: 'currency-converter',
    noteId,
    noteVersion,
    status: 'succeeded',
    updatedAt: 't',
    ...overrides,
  }) as StageItem;
