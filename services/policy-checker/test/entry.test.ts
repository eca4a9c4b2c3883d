import { serviceEntry } from '@ndf/catalog';
import { OPEN_STATUSES } from '@ndf/contracts';
import { describe, expect, it } from 'vitest';

describe("policy-checker's subscription", () => {
  it('follows notes in exactly the open statuses (the catalog, plain data, spells them out)', () => {
    const source = serviceEntry('policy-checker').consumes;
    expect(source.kind === 'stream' && source.whereByType).toEqual({
      NOTE: { status: [...OPEN_STATUSES] },
      RECEIPT: { status: ['processed'] },
      STAGE: { service: ['currency-converter'] },
    });
  });
});
