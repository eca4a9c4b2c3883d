import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@ndf/contracts';
import type { JWTPayload } from 'jose';

export { ROLES, type Role };

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3_600;
/** Cognito's longest ID token validity. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;

export interface MintRequest {
  readonly tenant: string;
  readonly user: string;
  readonly roles: readonly Role[];
  readonly email?: string | undefined;
  readonly expiresInSeconds?: number | undefined;
}

export class InvalidMintRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidMintRequestError';
  }
}

const FIELDS = new Set(['tenant', 'user', 'roles', 'email', 'expiresInSeconds']);
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function requiredName(body: Record<string, unknown>, field: 'tenant' | 'user'): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidMintRequestError(field, `${field} must be a non-empty string.`);
  if (value !== value.trim()) throw new InvalidMintRequestError(field, `${field} must not start or end with spaces.`);
  return value;
}

function roles(body: Record<string, unknown>): Role[] {
  const value = body.roles;
  if (!Array.isArray(value)) throw new InvalidMintRequestError('roles', `roles must be an array of roles among ${ROLES.join(', ')}.`);
  for (const role of value) {
    if (!ROLES.includes(role as Role)) {
      throw new InvalidMintRequestError('roles', `roles contains ${JSON.stringify(role)}, which is not one of ${ROLES.join(', ')}.`);
    }
  }
  return [...new Set(value as Role[])];
}

function optionalEmail(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !EMAIL.test(value)) throw new InvalidMintRequestError('email', 'email must be an e-mail address.');
  return value;
}

function optionalLifetime(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new InvalidMintRequestError(
      'expiresInSeconds',
      `expiresInSeconds must be a whole number of seconds from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}.`,
    );
  }
  return value;
}

/** Checks a mint request from any source (HTTP body or code) and names the first field at fault. */
export function validateMintRequest(input: unknown): MintRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidMintRequestError('body', 'The request must be a JSON object with tenant, user and roles.');
  }
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).find((key) => !FIELDS.has(key));
  if (unknown !== undefined)
    throw new InvalidMintRequestError(unknown, `${unknown} is not a field of a token request (${[...FIELDS].join(', ')}).`);

  return {
    tenant: requiredName(body, 'tenant'),
    user: requiredName(body, 'user'),
    roles: roles(body),
    email: optionalEmail(body.email),
    expiresInSeconds: optionalLifetime(body.expiresInSeconds),
  };
}

/** The claims of a Cognito user pool ID token for this request. */
export function idTokenClaims(request: MintRequest, context: { issuer: string; audience: string; nowSeconds: number }): JWTPayload {
  const { nowSeconds } = context;
  return {
    iss: context.issuer,
    aud: context.audience,
    sub: request.user,
    token_use: 'id',
    auth_time: nowSeconds,
    iat: nowSeconds,
    exp: nowSeconds + (request.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
    jti: randomUUID(),
    'cognito:username': request.user,
    'cognito:groups': [...request.roles],
    'custom:tenant': request.tenant,
    ...(request.email === undefined ? {} : { email: request.email, email_verified: true }),
  };
}
