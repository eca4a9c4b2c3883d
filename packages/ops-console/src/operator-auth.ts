import { createJwtAuthorizer, type JwtAuthorizerOptions } from '@ndf/jwt-authorizer';
import { OPERATOR_ROLE } from '@ndf/contracts';
import type { Operator } from '@ndf/runtime';
import { HttpProblem } from './http-problem.js';

/** Where operators' tokens come from: the local issuer, or the Cognito user pool in the cloud. */
export type OperatorTokenIssuer = Pick<JwtAuthorizerOptions, 'issuer' | 'audience' | 'jwksUrl'>;

/** Cognito puts groups in an array; a token relayed by API Gateway may hold "[a b]". */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The operator behind a request: a bearer token signed by a key of the issuer's JWKS (the same
 * checks as the API's JWT authorizer), holding the operator role. 401 without a valid token,
 * 403 for a valid one without the role (every tenant's user). The operator's id, for the
 * audit, is the token's e-mail when it has one, else its subject.
 */
export function operatorAuthenticator(issuer: OperatorTokenIssuer): (authorization: string | undefined) => Promise<Operator> {
  const authorize = createJwtAuthorizer({ ...issuer, cacheSize: 1_000 });
  return async (authorization) => {
    const verdict = await authorize(authorization);
    if (!verdict.ok) throw new HttpProblem(401, 'Sign in with an operator token (Authorization: Bearer <token>).');
    const { claims } = verdict;
    if (!groupsOf(claims['cognito:groups']).includes(OPERATOR_ROLE))
      throw new HttpProblem(403, 'The ops console is for operators: this token does not hold the operator role.');
    const id = typeof claims.email === 'string' && claims.email !== '' ? claims.email : claims.sub;
    if (typeof id !== 'string' || id === '') throw new HttpProblem(403, 'The token names no operator (sub).');
    return { id, role: OPERATOR_ROLE };
  };
}
