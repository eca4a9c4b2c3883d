import { catalog, streamSubscriptions } from '@ndf/catalog';
import { OPEN_STATUSES } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';

describe("the duplicate detector's subscription", () => {
  it('follows notes in the open statuses of contracts (the catalog spells them out) and deleted drafts, and processed receipts', () => {
    const [subscription] = streamSubscriptions(catalog, 'notes').filter((entry) => entry.service === 'duplicate-detector');
    expect(subscription).toMatchObject({ itemTypes: ['NOTE', 'RECEIPT'], events: ['INSERT', 'MODIFY'] });
    expect(subscription!.whereByType).toEqual({ NOTE: { status: [...OPEN_STATUSES, 'deleted'] }, RECEIPT: { status: ['processed'] } });
  });
});
