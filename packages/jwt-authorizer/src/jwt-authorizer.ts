import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface JwtAuthorizerOptions {
  /** The exact `iss` tokens must carry (the Cognito user pool URL; the local issuer here). */
  readonly issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens) values. */
  readonly audience: readonly string[];
  /** Where the signing keys are published; fetched once, then again only for an unknown key id. */
  readonly jwksUrl: string;
  /** Verified tokens remembered, so that a token's signature is checked once, not per request. */
  readonly cacheSize?: number;
  /** The least time between two JWKS fetches, so that tokens with made-up key ids cannot hammer the issuer. */
  readonly jwksCooldownMs?: number;
}

export type Authorization =
  { readonly ok: true; readonly claims: JWTPayload; readonly scopes: string[] | null } | { readonly ok: false; readonly reason: string };

const DEFAULT_CACHE_SIZE = 10_000;

function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const token = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '') : header;
  return token.trim() || undefined;
}

function audienceHolds(claims: JWTPayload, audience: readonly string[]): boolean {
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  const clientId = typeof claims.client_id === 'string' ? [claims.client_id] : [];
  return [...aud, ...clientId].some((value) => audience.includes(value));
}

/**
 * API Gateway's JWT authorizer: the token from `Authorization` (with or without "Bearer "),
 * RS256 signature by a key of the issuer's JWKS, exact issuer, audience or client id, expiry
 * and not-before. Anything wrong is one answer, 401, before the integration runs.
 */
export function createJwtAuthorizer(options: JwtAuthorizerOptions): (authorizationHeader: string | undefined) => Promise<Authorization> {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 2_000, cooldownDuration: options.jwksCooldownMs ?? 30_000 });
  const cache = new Map<string, Authorization & { ok: true }>();
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;

  const expired = (claims: JWTPayload, nowSeconds: number) => typeof claims.exp !== 'number' || claims.exp <= nowSeconds;

  return async (header) => {
    const token = tokenOf(header);
    if (!token) return { ok: false, reason: 'no token' };
    const nowSeconds = Math.floor(Date.now() / 1000);
    const known = cache.get(token);
    if (known) {
      if (!expired(known.claims, nowSeconds)) return known;
      cache.delete(token);
      return { ok: false, reason: 'expired' };
    }
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, algorithms: ['RS256'], requiredClaims: ['exp'] });
      if (!audienceHolds(payload, options.audience)) return { ok: false, reason: 'audience' };
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
      const verdict = { ok: true as const, claims: payload, scopes };
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
      cache.set(token, verdict);
      return verdict;
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  };
}
