import { catalog, streamSubscriptions } from '@ndf/catalog';
import type { ChangeMessage } from '@ndf/contracts';
import { targetsOf } from '@ndf/stream-router';
import { describe, expect, it } from 'vitest';

const subscriptions = streamSubscriptions(catalog, 'notes').filter((subscription) => subscription.service === 'currency-converter');
const reaches = (itemType: string, image: Record<string, unknown>): boolean =>
  targetsOf(
    {
      kind: 'change',
      table: 'notes',
      eventId: 'e',
      eventName: 'MODIFY',
      itemType,
      keys: { pk: 'p', sk: 's' },
      sequenceNumber: '1',
      newImage: image,
    } as ChangeMessage,
    subscriptions,
  ).includes('currency-converter');

describe("the converter's stream subscription (catalog)", () => {
  it('follows notes while open, never once approved', () => {
    for (const status of ['received', 'submitted', 'awaiting_approval', 'needs_changes'])
      expect(reaches('NOTE', { status }), status).toBe(true);
    for (const status of ['approved', 'rejected', 'batched', 'paid']) expect(reaches('NOTE', { status }), status).toBe(false);
  });

  it('gets its own stage back only when a load of rates marks it, not when it writes it itself', () => {
    const own = { service: 'currency-converter', status: 'succeeded' };
    expect(reaches('STAGE', { ...own, recompute: 'rates-loaded' })).toBe(true);
    expect(reaches('STAGE', own)).toBe(false);
    expect(reaches('STAGE', { service: 'vat-calculator', recompute: 'rates-loaded' })).toBe(false);
  });
});
