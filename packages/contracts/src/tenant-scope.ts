import type { TenantRole } from './roles.js';

declare const scopeBrand: unique symbol;

/**
 * Who is acting, inside which tenant. Keys of the notes table are built only from a scope,
 * and a scope is made only by `tenantScope`, which checks that its parts are safe inside a
 * key: no tenant, no key.
 */
export interface TenantScope {
  readonly tenant: string;
  /** The user's stable id (the token's `sub`), or a service's name for a worker. */
  readonly user: string;
  /** Only tenants' roles: an operator acts on no tenant's data. */
  readonly roles: readonly TenantRole[];
  readonly [scopeBrand]: true;
}

/** Tenant ids: letters, digits, `.`, `_`, `-`; they appear in table keys and S3 keys. */
export const TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** User ids (Cognito's sub is a UUID; the local issuer uses the user name). */
export const USER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

export class InvalidScopeError extends Error {
  constructor(
    readonly part: 'tenant' | 'user',
    value: string,
  ) {
    super(`The ${part} ${JSON.stringify(value)} cannot be used: it must match ${part === 'tenant' ? TENANT_PATTERN : USER_PATTERN}.`);
    this.name = 'InvalidScopeError';
  }
}

export function tenantScope(parts: { tenant: string; user: string; roles: readonly TenantRole[] }): TenantScope {
  if (!TENANT_PATTERN.test(parts.tenant)) throw new InvalidScopeError('tenant', parts.tenant);
  if (!USER_PATTERN.test(parts.user)) throw new InvalidScopeError('user', parts.user);
  return Object.freeze({ tenant: parts.tenant, user: parts.user, roles: Object.freeze([...parts.roles]) }) as TenantScope;
}
