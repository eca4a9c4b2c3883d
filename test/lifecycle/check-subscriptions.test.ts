import { catalog, streamSubscriptions } from '@ndf/catalog';
import type { ChangeMessage } from '@ndf/contracts';
import { targetsOf } from '@ndf/stream-router';
import { describe, expect, it } from 'vitest';

const ours = streamSubscriptions(catalog, 'notes').filter((subscription) =>
  ['merchant-normalizer', 'categorizer'].includes(subscription.service),
);
const change = (image: Record<string, string>, eventName: ChangeMessage['eventName'] = 'MODIFY'): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: 'e',
  eventName,
  itemType: image.type!,
  keys: { pk: 'p', sk: 's' },
  sequenceNumber: '1',
  newImage: image,
});
const targets = (image: Record<string, string>, eventName?: ChangeMessage['eventName']) => targetsOf(change(image, eventName), ours).sort();

describe('what the stream brings the merchant-normalizer and the categorizer', () => {
  it('open notes, created or changed; never a note approved or further, nor a removal', () => {
    for (const status of ['received', 'submitted', 'awaiting_approval', 'needs_changes']) {
      expect(targets({ type: 'NOTE', status }, 'INSERT'), status).toEqual(['categorizer', 'merchant-normalizer']);
    }
    for (const status of ['approved', 'rejected', 'batched', 'paid', 'deleted'])
      expect(targets({ type: 'NOTE', status }), status).toEqual([]);
    expect(targets({ type: 'NOTE', status: 'received' }, 'REMOVE')).toEqual([]);
  });

  it('receipts once processed; the normalizer also those that will print nothing, so that it stops waiting for them', () => {
    expect(targets({ type: 'RECEIPT', status: 'processed' })).toEqual(['categorizer', 'merchant-normalizer']);
    expect(targets({ type: 'RECEIPT', status: 'refused' })).toEqual(['merchant-normalizer']);
    expect(targets({ type: 'RECEIPT', status: 'reading' })).toEqual([]);
  });

  it("the categorizer follows the normalizer's stage, and neither follows its own stage nor the category history it writes", () => {
    expect(targets({ type: 'STAGE', service: 'merchant-normalizer', status: 'succeeded' })).toEqual(['categorizer']);
    expect(targets({ type: 'STAGE', service: 'categorizer', status: 'succeeded' })).toEqual([]);
    expect(targets({ type: 'CATEGORY_HISTORY' })).toEqual([]);
  });
});
