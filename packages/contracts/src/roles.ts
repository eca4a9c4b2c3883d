export const ROLES = ['employee', 'approver', 'accountant', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may read every note of their tenant, not only their own. */
export const TENANT_READER_ROLES: readonly Role[] = ['approver', 'accountant', 'admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
