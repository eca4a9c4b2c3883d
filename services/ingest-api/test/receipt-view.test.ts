import { describe, expect, it } from 'vitest';
import type { ReceiptItem } from '@ndf/contracts';
import { receiptView } from '../src/data/views.js';
import { ingestContract } from '../src/validation/contract.js';

const item = (extra: Partial<ReceiptItem>): ReceiptItem =>
  ({
    pk: 'TENANT#acme#USER#alice',
    sk: 'RECEIPT#0e000000-0000-4000-8000-000000000001',
    type: 'RECEIPT',
    tenant: 'acme',
    receiptId: '0e000000-0000-4000-8000-000000000001',
    status: 'processed',
    fileName: 'ticket.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 1000,
    objectKey: 'acme/0e000000-0000-4000-8000-000000000001',
    requestedAt: '2024-03-14T09:30:00.000Z',
    ...extra,
  }) as ReceiptItem;

describe('the receipt view', () => {
  it('shows the fields the receipt could not be read for, beside those read, as the document describes them', () => {
    const view = receiptView(
      item({ extracted: { date: { value: '2024-03-12', confidence: 0.8 } }, unreadable: ['merchant', 'totalInclVat'] }),
      [],
      [],
    );
    expect(view.unreadable).toEqual(['merchant', 'totalInclVat']);
    expect(ingestContract().schemaCheck('ReceiptView')(view)).toEqual([]);
  });

  it('has no unreadable list for a receipt read in full', () => {
    expect(receiptView(item({ extracted: { date: { value: '2024-03-12', confidence: 0.8 } } }), [], [])).not.toHaveProperty('unreadable');
  });
});
