import { OPEN_STATUSES } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { FROZEN_STATUSES, LEFT_OUT_STATUSES } from '../src/statuses.js';

describe("the service's subscription in the catalog", () => {
  it('follows every open note, and the rejected and deleted ones that leave their year, never a frozen one', () => {
    const source = service.entry.consumes;
    expect(source).toMatchObject({ kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] });
    const statuses = 'where' in source ? source.where.status : [];
    expect([...statuses].sort()).toEqual([...OPEN_STATUSES, ...LEFT_OUT_STATUSES].sort());
    expect(statuses.filter((status) => (FROZEN_STATUSES as readonly string[]).includes(status))).toEqual([]);
  });
});
