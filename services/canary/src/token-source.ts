import { ClientCredentialsTokens } from './client-credentials-token.js';
import type { IssuedToken } from './issued-token.js';
import { LocalIssuerTokens } from './local-issuer-token.js';

/** Where the canary gets the synthetic tenant's bearer token for the ingest API. */
export interface TokenSource {
  token(signal: AbortSignal): Promise<string>;
}

/** A token is asked for again this long before it expires, so that no run carries one that dies on the way. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** Keeps the last token until it nears its expiry: one request to the issuer an hour, not one a run. */
export class CachedTokens implements TokenSource {
  #current: IssuedToken | undefined;

  constructor(
    private readonly issue: (signal: AbortSignal) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async token(signal: AbortSignal): Promise<string> {
    if (this.#current === undefined || this.#current.expiresAt - RENEW_BEFORE_MS <= this.now()) this.#current = await this.issue(signal);
    return this.#current.token;
  }
}

/**
 * The token source the environment configures: a Cognito app client's client credentials when
 * NDF_CANARY_CLIENT_ID is set (the cloud), else the local token issuer (NDF_JWT_ISSUER, which the
 * platform gives every service on a laptop).
 */
export function tokenSourceFrom(env: NodeJS.ProcessEnv): TokenSource {
  if (env.NDF_CANARY_CLIENT_ID) {
    const { NDF_CANARY_TOKEN_URL: tokenUrl, NDF_CANARY_CLIENT_SECRET: clientSecret } = env;
    if (!tokenUrl || !clientSecret)
      throw new Error('NDF_CANARY_CLIENT_ID is set: NDF_CANARY_TOKEN_URL and NDF_CANARY_CLIENT_SECRET must be set too.');
    return new CachedTokens(new ClientCredentialsTokens({ tokenUrl, clientId: env.NDF_CANARY_CLIENT_ID, clientSecret }).issue);
  }
  if (env.NDF_JWT_ISSUER) return new CachedTokens(new LocalIssuerTokens(env.NDF_JWT_ISSUER).issue);
  throw new Error('No token source: set NDF_CANARY_CLIENT_ID (with NDF_CANARY_TOKEN_URL and NDF_CANARY_CLIENT_SECRET), or NDF_JWT_ISSUER.');
}
