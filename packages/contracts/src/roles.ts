/** What a tenant's users may be granted: they act on their tenant's notes. */
export const TENANT_ROLES = ['employee', 'approver', 'accountant', 'admin'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/**
 * Every role a token may carry. `operator` is the on-call engineers' role: it opens the ops
 * console and the quarantine's actions, and grants nothing on any tenant's data; tenants'
 * users never have it.
 */
export const ROLES = [...TENANT_ROLES, 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const OPERATOR_ROLE = 'operator' satisfies Role;

/** Roles that may read every note of their tenant, not only their own. */
export const TENANT_READER_ROLES: readonly TenantRole[] = ['approver', 'accountant', 'admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isTenantRole(value: string): value is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(value);
}
