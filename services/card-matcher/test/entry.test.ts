import { serviceEntry } from '@ndf/catalog';
import { OPEN_STATUSES } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';

describe("card-matcher's subscription", () => {
  it('follows notes open or approved, receipts read, and payments only while unmatched (never its own match write)', () => {
    const source = serviceEntry('card-matcher').consumes;
    expect(source.kind === 'stream' && source.whereByType).toEqual({
      NOTE: { status: [...OPEN_STATUSES, 'approved'] },
      RECEIPT: { status: ['processed'] },
      CARD_TXN: { matchState: ['unmatched'] },
    });
  });
});
