import { describe, expect, it } from 'vitest';
import {
  advanceKey,
  InvalidScopeError,
  PAYABLE_SHARDS,
  parsePayableSortKey,
  payableIndexAttributes,
  payableKey,
  payableShardOf,
  tenantScope,
} from '../src/index.js';

const acme = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const NOTE = '0a63a6e8-e9cc-87b4-a8e7-ed23cdaa8d42';

describe("the reimbursement batcher's keys", () => {
  it("puts an approved note's PAYABLE item beside it, and in its tenant's shard sorted by tenant then approval time", () => {
    expect(payableKey(acme, NOTE)).toEqual({ pk: `T#acme#N#${NOTE}`, sk: 'PAYABLE' });
    const index = payableIndexAttributes(acme, '2026-03-20T09:00:00.000Z', NOTE);
    expect(index).toEqual({ gsi1pk: `PAYABLE#${payableShardOf('acme')}`, gsi1sk: `acme#2026-03-20T09:00:00.000Z#${NOTE}` });
    expect(parsePayableSortKey(index.gsi1sk)).toEqual({ tenant: 'acme', approvedAt: '2026-03-20T09:00:00.000Z', noteId: NOTE });
    expect(parsePayableSortKey('acme#only-two')).toBeUndefined();
  });

  it('spreads tenants over every shard, each tenant always in the same one', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, index) => payableShardOf(`tenant-${index}`)));
    expect(shards.size).toBe(PAYABLE_SHARDS);
    expect(payableShardOf('acme')).toBe(payableShardOf('acme'));
  });

  it("keys an employee's advance in the tenant's partition, refusing an employee id that could break out of it", () => {
    expect(advanceKey(acme, 'noah', 'a1')).toEqual({ pk: 'T#acme#ADVANCES', sk: 'U#noah#a1' });
    expect(() => advanceKey(acme, 'noah#x', 'a1')).toThrow(InvalidScopeError);
  });
});
