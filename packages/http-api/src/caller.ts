import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import {
  InvalidScopeError,
  isTenantRole,
  OPERATOR_ROLE,
  TENANT_ROLES,
  tenantScope,
  type TenantRole,
  type TenantScope,
} from '@ndf/contracts';
import { ProblemError } from './problem.js';

/** API Gateway hands array claims over as "[a b]"; a direct invocation may pass a real array. */
function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

/**
 * The caller's scope from the authorizer's claims (Cognito's, or the local issuer's in the
 * same shape): tenant from `custom:tenant`, user from `sub`, roles from `cognito:groups`.
 */
export function callerScope(event: APIGatewayProxyEventV2WithJWTAuthorizer): TenantScope {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const tenant = claims['custom:tenant'];
  const user = claims.sub;
  const groups = listClaim(claims['cognito:groups']);
  const roles = groups.filter(isTenantRole);
  if (typeof tenant !== 'string' || tenant === '') throw new ProblemError(403, 'forbidden', 'The token names no tenant (custom:tenant).');
  if (typeof user !== 'string' || user === '') throw new ProblemError(403, 'forbidden', 'The token names no user (sub).');
  if (roles.length === 0 && groups.includes(OPERATOR_ROLE))
    throw new ProblemError(
      403,
      'forbidden',
      "An operator's token grants no access to tenants' notes (cognito:groups holds operator only).",
    );
  if (roles.length === 0)
    throw new ProblemError(403, 'forbidden', `The token grants none of the roles ${TENANT_ROLES.join(', ')} (cognito:groups).`);
  try {
    return tenantScope({ tenant, user, roles });
  } catch (error) {
    if (error instanceof InvalidScopeError) throw new ProblemError(403, 'forbidden', error.message);
    throw error;
  }
}

/** The scope when it holds one of `roles`; else a 403 saying which role the action needs, never a silent no-op. */
export function requireRole(scope: TenantScope, roles: readonly TenantRole[], action: string): TenantScope {
  if (scope.roles.some((role) => roles.includes(role))) return scope;
  throw new ProblemError(403, 'forbidden', `${action} needs the role ${roles.join(' or ')}; the token grants ${scope.roles.join(', ')}.`);
}
