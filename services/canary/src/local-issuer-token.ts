import { SYNTHETIC_TENANT, SYNTHETIC_USER } from '@ndf/contracts';
import { jwtExpiry, type IssuedToken } from './issued-token.js';

/**
 * The synthetic tenant's token from the local token issuer (`POST /token`), which stands in for
 * Cognito on a laptop: an employee of the synthetic tenant, and nothing more.
 */
export class LocalIssuerTokens {
  constructor(private readonly issuer: string) {}

  readonly issue = async (signal: AbortSignal): Promise<IssuedToken> => {
    const response = await fetch(`${this.issuer.replace(/\/+$/, '')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: SYNTHETIC_TENANT, user: SYNTHETIC_USER, roles: ['employee'], expiresInSeconds: 3_600 }),
      signal,
    });
    if (!response.ok) throw new Error(`The token issuer answered ${response.status}: ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    return { token, expiresAt: jwtExpiry(token) };
  };
}
