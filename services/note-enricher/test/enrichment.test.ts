import type { NoteItem, ReceiptItem } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { enrich } from '../src/enrichment.js';

const note = (overrides: Partial<NoteItem> = {}): NoteItem =>
  ({
    pk: 'p',
    sk: 'NOTE',
    tenant: 'acme',
    type: 'NOTE',
    noteId: 'n',
    owner: 'alice',
    status: 'received',
    version: 1,
    date: '2024-03-12',
    amount: { value: '42.50', currency: 'EUR' },
    receiptIds: [],
    requestHash: 'h',
    createdAt: 't',
    updatedAt: 't',
    ...overrides,
  }) as NoteItem;
const receipt = (
  receiptId: string,
  extracted: Record<string, { value: string; confidence: number }>,
  status: ReceiptItem['status'] = 'processed',
): ReceiptItem =>
  ({
    pk: 'p',
    sk: `RCPT#${receiptId}`,
    tenant: 'acme',
    type: 'RECEIPT',
    receiptId,
    uploader: 'alice',
    status,
    fileName: 'f',
    declaredContentType: 'image/jpeg',
    declaredSize: 1,
    objectKey: 'k',
    requestedAt: 't',
    extracted,
  }) as ReceiptItem;

describe("what a note's receipts say", () => {
  it('suggests a merchant the user left empty, from the most confident receipt, and never one the user typed', () => {
    const receipts = [
      receipt('r1', { merchant: { value: 'CAFE', confidence: 0.4 } }),
      receipt('r2', { merchant: { value: 'CAFE DE LA GARE', confidence: 0.9 } }),
    ];
    expect(enrich(note(), receipts).suggestions).toEqual({ merchant: { value: 'CAFE DE LA GARE', confidence: 0.9, receiptId: 'r2' } });
    expect(enrich(note({ merchant: 'Typed by the user' }), receipts).suggestions).toEqual({});
  });

  it('flags a declared amount that is not the total of the receipts, in exact decimals, and not one that is', () => {
    const receipts = [
      receipt('r1', { totalInclVat: { value: '30.20', confidence: 0.9 } }),
      receipt('r2', { totalInclVat: { value: '12.30', confidence: 0.9 } }),
    ];
    expect(enrich(note(), receipts).amountMismatch).toBeUndefined();
    expect(enrich(note({ amount: { value: '42.51', currency: 'EUR' } }), receipts).amountMismatch).toEqual({
      declared: { value: '42.51', currency: 'EUR' },
      receipts: { value: '42.50', currency: 'EUR' },
    });
  });

  it('leaves receipts in another currency, and those not read yet, out of the comparison', () => {
    const result = enrich(note(), [
      receipt('r1', { totalInclVat: { value: '50.00', confidence: 0.9 }, currency: { value: 'GBP', confidence: 0.8 } }),
      receipt('r2', {}, 'reading'),
    ]);
    expect(result).toMatchObject({ receiptsRead: 1, receipts: 2, otherCurrencies: ['GBP'] });
    expect(result.amountMismatch).toBeUndefined();
  });
});
