import { describe, expect, it } from 'vitest';
import { isSyntheticTenant, SYNTHETIC_TENANT, SYNTHETIC_USER, tenantScope } from '../src/index.js';

describe('the synthetic tenant', () => {
  it('is a tenant like any other in keys, and the only one the predicate names', () => {
    expect(tenantScope({ tenant: SYNTHETIC_TENANT, user: SYNTHETIC_USER, roles: ['employee'] }).tenant).toBe('ndf-synthetic');
    expect(isSyntheticTenant(SYNTHETIC_TENANT)).toBe(true);
    expect(isSyntheticTenant('acme')).toBe(false);
    expect(isSyntheticTenant('NDF-SYNTHETIC')).toBe(false);
  });
});
