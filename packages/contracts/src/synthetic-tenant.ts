/**
 * The canary's tenant (services/canary): reserved, never given to a customer. Its notes and
 * receipts are real items of the platform, so that the canary tests the path users take; but
 * anything that reads across tenants (exports, billing, tenant-wide reports, analytics) must
 * leave it out with `isSyntheticTenant`, so that it never mixes with real tenants' data.
 */
export const SYNTHETIC_TENANT = 'ndf-synthetic';

/** The one user of the synthetic tenant: the canary. */
export const SYNTHETIC_USER = 'canary';

export function isSyntheticTenant(tenant: string): boolean {
  return tenant === SYNTHETIC_TENANT;
}
