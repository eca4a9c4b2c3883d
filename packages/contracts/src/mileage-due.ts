import { payableShardOf } from './reimbursement.js';
import type { TenantScope } from './tenant-scope.js';

/**
 * Where a MILEAGE_YEAR item with something to pay or recover (`adjustmentDue` not none) is in
 * gsi1: a sparse partition per shard (by tenant, as the payable notes), sorted by tenant, year
 * and employee. The mileage-calculator writes these attributes with the item while something is
 * due, and leaves them out when nothing is; the reimbursement batcher does the same when it
 * regularises. So the batcher finds a tenant's years to settle, and the tenants with one, with
 * a Query, never a scan.
 */
const MILEAGE_DUE_PREFIX = 'MILEAGE_DUE#';

export function mileageDueShardKey(shard: number): string {
  return `${MILEAGE_DUE_PREFIX}${shard}`;
}

/** The sort-key prefix of one tenant's items in its shard. */
export function mileageDueTenantPrefix(tenant: string): string {
  return `${tenant}#`;
}

/** The index attributes of `scope.user`'s year while something is due on it. */
export function mileageDueIndexAttributes(scope: TenantScope, year: number): { gsi1pk: string; gsi1sk: string } {
  return {
    gsi1pk: mileageDueShardKey(payableShardOf(scope.tenant)),
    gsi1sk: `${mileageDueTenantPrefix(scope.tenant)}${year}#${scope.user}`,
  };
}

export function parseMileageDueSortKey(sortKey: string): { tenant: string; year: number; owner: string } | undefined {
  const match = /^([^#]+)#(\d{4})#([^#]+)$/.exec(sortKey);
  return match ? { tenant: match[1]!, year: Number(match[2]), owner: match[3]! } : undefined;
}
