import { serviceEntry } from '@ndf/catalog';
import { describe, expect, it } from 'vitest';
import { AWAITED_CHECKS } from '../src/awaited-checks.js';

describe("approval-workflow's subscription", () => {
  it('follows the stages of exactly the checks routing waits for (the catalog, plain data, spells them out)', () => {
    const source = serviceEntry('approval-workflow').consumes;
    expect(source.kind === 'stream' && source.whereByType?.STAGE).toEqual({ service: AWAITED_CHECKS.map((check) => check.service) });
  });
});
